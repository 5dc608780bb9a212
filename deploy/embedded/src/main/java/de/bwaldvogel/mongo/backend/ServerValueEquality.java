package de.bwaldvogel.mongo.backend;

/**
 * mongo-java-server's own equality of two values, which its {@code $set} uses to leave a field that would not change
 * as it is (1 and 1L, 0.0 and -0.0 are equal). The server keeps it package-private; Almanac's
 * {@code LeanMemoryBackend} applies plain updates itself and must decide exactly as the server does, so it asks here
 * rather than copying the rule.
 */
public final class ServerValueEquality {

    private ServerValueEquality() {
    }

    public static boolean equal(Object a, Object b) {
        return Utils.nullAwareEquals(a, b);
    }
}
