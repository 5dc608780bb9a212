package dev.almanac.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.bson.Document;

/**
 * An update made only of {@code $set}, {@code $unset} and {@code $push} (of a value, or {@code $each} with at most a
 * {@code $slice}) on paths through subdocuments, as the projections' updates are, applied the way mongo-java-server
 * applies it but without its copies. The server copies the whole document twice for every update (once to keep the old
 * version, once to build the new one) and then compares the two in full, normalising every value; for a window day of
 * a hundred calendars' summaries that was a third of the read models' server under heavy writes. Here the new version
 * shares every subdocument the update leaves alone with the old one, and whether anything changed is known from the
 * fields changed.
 *
 * <p>{@link #of} answers null for anything else (other operators and clauses, positional or empty path parts,
 * {@code _id}, paths that overlap), and {@link #applyTo} answers null where a path runs through a value that is not a
 * subdocument, a push meets a value that is not a list, or the server would rewrite the document's fields; the
 * server's own path then applies the update, with its errors.
 */
final class PlainUpdate {

    private static final String EACH = "$each";
    private static final String SLICE = "$slice";

    private final String idField;
    /** Each change in the update's order. */
    private final List<Change> changes;

    private PlainUpdate(String idField, List<Change> changes) {
        this.idField = idField;
        this.changes = changes;
    }

    /** The update as a plain one, or null if it is not one. */
    static @Nullable PlainUpdate of(Document update, String idField) {
        if (update.isEmpty()) {
            return null;
        }
        List<Change> changes = new ArrayList<>();
        Set<String> named = new HashSet<>();
        Set<String> enclosing = new HashSet<>();
        for (Map.Entry<String, Object> operator : update.entrySet()) {
            Kind kind = Kind.of(operator.getKey());
            if (kind == null || !(operator.getValue() instanceof Document fields) || fields.isEmpty()) {
                return null;
            }
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                String[] path = split(field.getKey());
                if (path == null || path[0].equals(idField) || !named.add(field.getKey()) || enclosing.contains(field.getKey())) {
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
                Change change = kind == Kind.PUSH ? Change.push(path, field.getValue())
                        : new Change(kind, path, field.getValue(), List.of(), null);
                if (change == null) {
                    return null;
                }
                changes.add(change);
            }
        }
        return new PlainUpdate(idField, changes);
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
     * every subdocument the update does not touch; null if a path runs through a value that is not a subdocument, or a
     * push meets a value that is not a list. {@code document} is not changed.
     */
    @Nullable Document applyTo(Document document) {
        if (!servedAsTheServerWould(document)) {
            return null;
        }
        Document root = document;
        Set<Document> copies = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Change change : changes) {
            String[] path = change.path();
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
            Object old = present ? parent.get(leaf) : null;
            Object value = change.value();
            if (change.kind() == Kind.PUSH) {
                if (old != null && !(old instanceof List<?>)) {
                    return null;
                }
                value = change.pushedOnto(old == null ? List.of() : (List<?>) old);
            }
            if (change.kind() == Kind.UNSET ? !present : present && ServerValueEquality.equal(old, value)) {
                continue;
            }
            if (root == document) {
                root = new Document(document);
                copies.add(root);
            }
            Document writable = writableParent(root, path, copies);
            if (change.kind() == Kind.UNSET) {
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

    private enum Kind {
        SET("$set"), UNSET("$unset"), PUSH("$push");

        private final String operator;

        Kind(String operator) {
            this.operator = operator;
        }

        static @Nullable Kind of(String operator) {
            for (Kind kind : values()) {
                if (kind.operator.equals(operator)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * One field's change: the value set, or for a push the values appended and how many of the list's elements are
     * kept, the first ({@code slice} zero or more) or the last ({@code slice} below zero).
     */
    private record Change(Kind kind, String[] path, @Nullable Object value, List<?> pushed, @Nullable Integer slice) {

        /** A push of one value, or of {@code $each} with at most a {@code $slice}; null for any other push. */
        static @Nullable Change push(String[] path, @Nullable Object value) {
            if (!(value instanceof Document modifiers) || !modifiers.containsKey(EACH)) {
                return new Change(Kind.PUSH, path, null, Collections.singletonList(value), null);
            }
            if (!(modifiers.get(EACH) instanceof List<?> each)) {
                return null;
            }
            Object slice = modifiers.get(SLICE);
            if (modifiers.size() > (modifiers.containsKey(SLICE) ? 2 : 1) || modifiers.containsKey(SLICE) && !(slice instanceof Integer)) {
                return null;
            }
            return new Change(Kind.PUSH, path, null, each, (Integer) slice);
        }

        List<Object> pushedOnto(List<?> list) {
            List<Object> pushed = new ArrayList<>(list.size() + pushed().size());
            pushed.addAll(list);
            pushed.addAll(pushed());
            if (slice == null) {
                return pushed;
            }
            return slice < 0 ? new ArrayList<>(pushed.subList(Math.max(0, pushed.size() + slice), pushed.size()))
                    : new ArrayList<>(pushed.subList(0, Math.min(slice, pushed.size())));
        }
    }
}
