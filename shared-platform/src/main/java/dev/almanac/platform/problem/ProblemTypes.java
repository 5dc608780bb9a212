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
    public static final String METHOD_NOT_ALLOWED = BASE + "method-not-allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = BASE + "unsupported-media-type";
    public static final String NOT_ACCEPTABLE = BASE + "not-acceptable";
    public static final String INTERNAL = BASE + "internal";

    private ProblemTypes() {
    }

    /** The type of a problem that Spring raised itself, such as an unknown route or a wrong method. */
    static String forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            default -> INTERNAL;
        };
    }
}
