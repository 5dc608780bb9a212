package dev.almanac.platform.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A request Almanac refuses, rendered as an RFC 9457 problem. The factories name the usual
 * cases so that every service answers them the same way.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<Violation> violations;
    private final Map<String, Object> properties;
    private final @Nullable Duration retryAfter;

    public ProblemException(HttpStatus status, String type, String title, String detail, List<Violation> violations) {
        this(status, type, title, detail, violations, Map.of());
    }

    /** @param properties members of the problem document beside the standard ones and {@code errors} */
    public ProblemException(HttpStatus status, String type, String title, String detail, List<Violation> violations,
                            Map<String, Object> properties) {
        this(status, type, title, detail, violations, properties, null);
    }

    private ProblemException(HttpStatus status, String type, String title, String detail, List<Violation> violations,
                             Map<String, Object> properties, @Nullable Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.properties = Map.copyOf(properties);
        this.retryAfter = retryAfter;
    }

    /**
     * 403: the caller is known but lacks the role the request needs, which the problem names in
     * {@code required_role} (viewer, scheduler or manager on a calendar, or admin).
     */
    public static ProblemException forbidden(String field, String rule, String requiredRole, String message) {
        return new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", message,
                List.of(new Violation(field, rule, message)), Map.of("required_role", requiredRole));
    }

    /** 400: the request breaks one or more rules. */
    public static ProblemException invalid(List<Violation> violations) {
        String detail = violations.size() == 1 ? violations.get(0).message()
                : violations.size() + " fields are invalid";
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", detail, violations);
    }

    public static ProblemException invalid(String field, String rule, String message) {
        return invalid(List.of(new Violation(field, rule, message)));
    }

    /** 404: the resource named in the path does not exist. */
    public static ProblemException notFound(String field, String message) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", message,
                List.of(new Violation(field, "exists", message)));
    }

    /** 422: the body refers to something that does not exist or cannot take the request. */
    public static ProblemException unprocessable(String field, String rule, String message) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.UNPROCESSABLE, "Request cannot be applied",
                message, List.of(new Violation(field, rule, message)));
    }

    /** 409: the request clashes with the current state, for example an id that is already taken. */
    public static ProblemException conflict(String field, String rule, String message) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", message,
                List.of(new Violation(field, rule, message)));
    }

    /** 412: an {@code If-Match} precondition no longer holds. */
    public static ProblemException preconditionFailed(String message) {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, ProblemTypes.PRECONDITION_FAILED, "Precondition failed",
                message, List.of(new Violation("If-Match", "current_version", message)));
    }

    /** 503: the service cannot answer the request now; the message says whether it may still have been applied. */
    public static ProblemException unavailable(String message) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "Service unavailable", message,
                List.of());
    }

    /** 503 with {@code Retry-After}: the service is busy for a while a client can wait out, and says how long. */
    public static ProblemException unavailable(String message, Duration retryAfter) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "Service unavailable", message,
                List.of(), Map.of(), retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** How long a client should wait before it sends the request again ({@code Retry-After}), when the service knows. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
