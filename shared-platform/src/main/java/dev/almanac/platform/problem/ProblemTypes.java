package dev.almanac.platform.problem;

/** The {@code type} URIs of Almanac's problems; each is documented in docs/problems.md. */
public final class ProblemTypes {

    private static final String BASE = "https://almanac.dev/problems/";

    public static final String VALIDATION = BASE + "validation";
    public static final String MALFORMED_BODY = BASE + "malformed-body";
    public static final String NOT_FOUND = BASE + "not-found";
    public static final String UNPROCESSABLE = BASE + "unprocessable";
    public static final String CONFLICT = BASE + "conflict";
    public static final String PRECONDITION_FAILED = BASE + "precondition-failed";
    public static final String INTERNAL = BASE + "internal";

    private ProblemTypes() {
    }
}
