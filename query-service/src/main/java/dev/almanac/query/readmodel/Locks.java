package dev.almanac.query.readmodel;

import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;

/**
 * Compare-and-set tokens. Every read-model document carries {@code lock = "<_id>#<revision>"},
 * under a unique index on {@code lock} alone, so that a write can name the revision it read with
 * the filter {@code {lock: token}}: an exact lookup in a single-field unique index, which
 * mongo-java-server answers from the index and MongoDB from a point lookup. Including the
 * {@code _id} makes the token unique across documents; the revision counts up with each write
 * from a random start ({@link #firstRevision()}).
 */
public final class Locks {

    public static final String FIELD = "lock";

    private Locks() {
    }

    /**
     * The revision a new document starts at: random rather than 1, so that a document written again
     * after the read models were emptied (a rebuild into the same database while the service runs)
     * does not come back under a token that an answer or a decoded copy was kept for.
     */
    public static long firstRevision() {
        return ThreadLocalRandom.current().nextLong(1, 1L << 48);
    }

    public static String token(String id, long revision) {
        return id + '#' + revision;
    }

    /** The revision a stored document is at. */
    public static long revision(Document document) {
        String token = document.getString(FIELD);
        if (token == null) {
            throw new IllegalStateException("read-model document " + document.get("_id") + " has no " + FIELD
                    + "; it predates the current read-model shapes, so rebuild the read models from the topics");
        }
        return Long.parseLong(token.substring(token.lastIndexOf('#') + 1));
    }
}
