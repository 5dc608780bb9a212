package dev.almanac.query.readmodel;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.bson.Document;

/**
 * The {@code $set}/{@code $unset} update that turns one document into another, descending into
 * sub-documents down to a fixed depth so that a change to one entry of a day sends that entry,
 * not the day. Map keys inside the documents are encoded by {@link MapKeys}, so no key contains a
 * dot and every path is unambiguous.
 */
public final class DocumentDiff {

    /** Top-level fields, the groups under them, and the keyed values inside those groups. */
    private static final int DEPTH = 3;

    private DocumentDiff() {
    }

    /** The update from {@code before} to {@code after}; empty {@code $set} and {@code $unset} when they are equal. */
    public static Document between(Document before, Document after) {
        Document set = new Document();
        Document unset = new Document();
        diff("", before, after, 1, set, unset);
        Document update = new Document();
        if (!set.isEmpty()) {
            update.append("$set", set);
        }
        if (!unset.isEmpty()) {
            update.append("$unset", unset);
        }
        return update;
    }

    private static void diff(String prefix, Document before, Document after, int depth, Document set, Document unset) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String path = prefix + key;
            boolean wasThere = before.containsKey(key);
            boolean isThere = after.containsKey(key);
            if (!isThere) {
                unset.append(path, "");
                continue;
            }
            Object old = before.get(key);
            Object now = after.get(key);
            if (wasThere && Objects.equals(old, now)) {
                continue;
            }
            if (wasThere && depth < DEPTH && old instanceof Document oldDocument && now instanceof Document newDocument) {
                diff(path + '.', oldDocument, newDocument, depth + 1, set, unset);
            } else {
                set.append(path, now);
            }
        }
    }
}
