package dev.almanac.platform.problem;

/** The {@code type} URIs of Almanac's problems; each is documented in docs/problems.md. */
public final class ProblemTypes {

    private static final String BASE = "https://almanac.dev/problems/";

    public static final String VALIDATION = BASE + "validation";
    public static final String MALFORMED_BODY = BASE + "malformed-body";
    public static final String NOT_FOUND = BASE + "not-found";
    public static final String UNAUTHENTICATED = BASE + "unauthenticated";
    public static final String FORBIDDEN = BASE + "forbidden";
    public static final String UNPROCESSABLE = BASE + "unprocessable";
    public static final String CONFLICT = BASE + "conflict";
    public static final String PRECONDITION_FAILED = BASE + "precondition-failed";
    /** A token the client held may no longer be used (a change feed's sync token): it must start over without one. */
    public static final String GONE = BASE + "gone";
    public static final String METHOD_NOT_ALLOWED = BASE + "method-not-allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = BASE + "unsupported-media-type";
    public static final String NOT_ACCEPTABLE = BASE + "not-acceptable";
    public static final String CONTENT_TOO_LARGE = BASE + "content-too-large";
    public static final String URI_TOO_LONG = BASE + "uri-too-long";
    public static final String HEADERS_TOO_LARGE = BASE + "headers-too-large";
    public static final String TOO_MANY_REQUESTS = BASE + "too-many-requests";
    public static final String BAD_REQUEST = BASE + "bad-request";
    public static final String UNAVAILABLE = BASE + "unavailable";
    public static final String INTERNAL = BASE + "internal";

    private ProblemTypes() {
    }

    /** The type of a problem that Spring, the server or the gateway raised itself, such as an unknown route or a wrong method. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 410 -> GONE;
            case 412 -> PRECONDITION_FAILED;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 413 -> CONTENT_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 422 -> UNPROCESSABLE;
            case 429 -> TOO_MANY_REQUESTS;
            case 431 -> HEADERS_TOO_LARGE;
            case 502, 503, 504 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL;
        };
    }
}
