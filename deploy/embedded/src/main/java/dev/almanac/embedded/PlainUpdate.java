package dev.almanac.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.backend.ServerValueEquality;
import de.bwaldvogel.mongo.bson.Document;

/**
 * An update made only of {@code $set} and {@code $unset} on paths through subdocuments, as every update of Almanac's
 * projections is, applied the way mongo-java-server applies it but without its copies. The server copies the whole
 * document twice for every update (once to keep the old version, once to build the new one) and then compares the
 * two in full, normalising every value; for a window day of a hundred calendars' summaries that was a third of the
 * read models' server under heavy writes. Here the new version shares every subdocument the update leaves alone with
 * the old one, and whether anything changed is known from the fields set and unset.
 *
 * <p>{@link #of} answers null for anything else (other operators, positional or empty path parts, {@code _id}, paths
 * that overlap), and {@link #applyTo} answers null where a path runs through a value that is not a subdocument or the
 * server would rewrite the document's fields; the server's own path then applies the update, with its errors.
 */
final class PlainUpdate {

    private static final String SET = "$set";
    private static final String UNSET = "$unset";
    private static final Object UNSET_VALUE = new Object();

    private final String idField;
    /** Each change in the update's order: a path, split, and the value it sets, or {@link #UNSET_VALUE} to unset it. */
    private final List<String[]> paths;
    private final List<@Nullable Object> values;

    private PlainUpdate(String idField, List<String[]> paths, List<@Nullable Object> values) {
        this.idField = idField;
        this.paths = paths;
        this.values = values;
    }

    /** The update as a plain one, or null if it is not one. */
    static @Nullable PlainUpdate of(Document update, String idField) {
        if (update.isEmpty()) {
            return null;
        }
        List<String[]> paths = new ArrayList<>();
        List<@Nullable Object> values = new ArrayList<>();
        Set<String> named = new HashSet<>();
        Set<String> enclosing = new HashSet<>();
        for (Map.Entry<String, Object> operator : update.entrySet()) {
            boolean set = operator.getKey().equals(SET);
            if (!set && !operator.getKey().equals(UNSET) || !(operator.getValue() instanceof Document changes) || changes.isEmpty()) {
                return null;
            }
            for (Map.Entry<String, Object> change : changes.entrySet()) {
                String[] path = split(change.getKey());
                if (path == null || path[0].equals(idField) || !named.add(change.getKey()) || enclosing.contains(change.getKey())) {
                    return null;
                }
                StringBuilder prefix = new StringBuilder(path[0]);
                for (int i = 1; i < path.length; i++) {
                    if (named.contains(prefix.toString())) {
                        return null;
                    }
                    enclosing.add(prefix.toString());
                    prefix.append('.').append(path[i]);
                }
                paths.add(path);
                values.add(set ? change.getValue() : UNSET_VALUE);
            }
        }
        return new PlainUpdate(idField, paths, values);
    }

    /** The path's parts, or null if one is empty or names an operator (a positional {@code $}, an array filter). */
    private static String @Nullable [] split(String path) {
        String[] parts = path.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.charAt(0) == '$') {
                return null;
            }
        }
        return parts;
    }

    /**
     * The document as the update leaves it: {@code document} itself if nothing changes, else a new document that shares
     * every subdocument the update does not touch; null if a path runs through a value that is not a subdocument.
     * {@code document} is not changed.
     */
    @Nullable Document applyTo(Document document) {
        if (!servedAsTheServerWould(document)) {
            return null;
        }
        Document root = document;
        Set<Document> copies = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < paths.size(); i++) {
            String[] path = paths.get(i);
            Object value = values.get(i);
            Document parent = root;
            for (int depth = 0; depth < path.length - 1 && parent != null; depth++) {
                Object child = parent.get(path[depth]);
                if (child == null && !parent.containsKey(path[depth])) {
                    parent = null;
                } else if (child instanceof Document subdocument) {
                    parent = subdocument;
                } else {
                    return null;
                }
            }
            String leaf = path[path.length - 1];
            boolean present = parent != null && parent.containsKey(leaf);
            if (value == UNSET_VALUE ? !present : present && ServerValueEquality.equal(parent.get(leaf), value)) {
                continue;
            }
            if (root == document) {
                root = new Document(document);
                copies.add(root);
            }
            Document writable = writableParent(root, path, copies);
            if (value == UNSET_VALUE) {
                writable.remove(leaf);
            } else {
                writable.put(leaf, value);
            }
        }
        return root;
    }

    /**
     * Whether the server's own update would keep the document's fields as they are: it writes the id first, and refuses
     * a document with a dot in a field name, which only an update of an empty path part could have made.
     */
    private boolean servedAsTheServerWould(Document document) {
        boolean first = true;
        for (String key : document.keySet()) {
            if (first && !key.equals(idField) || key.indexOf('.') >= 0) {
                return false;
            }
            first = false;
        }
        return !first;
    }

    /** The subdocument holding the path's last part, copied where not yet copied and created where missing. */
    private static Document writableParent(Document root, String[] path, Set<Document> copies) {
        Document parent = root;
        for (int depth = 0; depth < path.length - 1; depth++) {
            Document child = (Document) parent.get(path[depth]);
            if (child == null || !copies.contains(child)) {
                child = child == null ? new Document() : new Document(child);
                copies.add(child);
                parent.put(path[depth], child);
            }
            parent = child;
        }
        return parent;
    }
}
