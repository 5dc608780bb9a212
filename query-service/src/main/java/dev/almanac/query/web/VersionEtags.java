package dev.almanac.query.web;

/** The ETag of an entity: its aggregate version, quoted as RFC 9110 writes a strong entity tag. */
public final class VersionEtags {

    private VersionEtags() {
    }

    /** {@code "3"} for version 3: the {@code If-Match} that command-service checks, and what {@code If-None-Match} names. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }
}
