package dev.almanac.platform.problem;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import dev.almanac.platform.input.InputRuleException;
import dev.almanac.platform.json.AlmanacJson;

/**
 * Answers every refused request with {@code application/problem+json} (RFC 9457). Bad input
 * names the field and the rule in an {@code errors} list; it is never a 500.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ProblemException.class)
    Mono<ResponseEntity<Object>> handleProblem(ProblemException problem, ServerWebExchange exchange) {
        ProblemDetail body = problem(problem.status(), problem.type(), problem.title(), problem.getMessage(),
                problem.violations(), exchange);
        problem.properties().forEach(body::setProperty);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.status());
        // Whole seconds, at least one: RFC 9110's delay-seconds.
        problem.retryAfter().ifPresent(wait -> answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds()))));
        return Mono.just(answer.body(body));
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> handleUnexpected(Exception failure, ServerWebExchange exchange) {
        log.error("Unexpected failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        ProblemDetail body = problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                "The request failed on our side; it has been logged.", List.of(), exchange);
        return Mono.just(ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException failure, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Violation> violations = new ArrayList<>();
        for (ObjectError error : failure.getAllErrors()) {
            if (error instanceof FieldError fieldError) {
                violations.add(new Violation(AlmanacJson.wireName(fieldError.getField()), rule(fieldError.getCode()),
                        String.valueOf(fieldError.getDefaultMessage())));
            } else {
                violations.add(new Violation("body", rule(error.getCode()), String.valueOf(error.getDefaultMessage())));
            }
        }
        return invalid(violations, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            HandlerMethodValidationException failure, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Violation> violations = new ArrayList<>();
        failure.getParameterValidationResults().forEach(result -> {
            String field = parameterName(result.getMethodParameter());
            result.getResolvableErrors().forEach(error -> violations.add(
                    new Violation(field, rule(error.getCodes() == null ? null : lastCode(error.getCodes())),
                            String.valueOf(error.getDefaultMessage()))));
        });
        return invalid(violations, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(
            MissingRequestValueException failure, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return invalid(List.of(new Violation(failure.getName(), "required",
                "the " + failure.getLabel() + " '" + failure.getName() + "' is required")), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException failure, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (failure.getMethodParameter() != null && failure.getCause() instanceof TypeMismatchException mismatch) {
            String field = parameterName(failure.getMethodParameter());
            return invalid(List.of(new Violation(field, "format", field + " " + expected(mismatch.getRequiredType())
                    + ", got '" + mismatch.getValue() + "'")), exchange);
        }
        JacksonException jackson = findCause(failure, JacksonException.class);
        if (jackson != null) {
            return malformedBody(jackson, exchange);
        }
        if (failure.getReason() != null && failure.getReason().contains("No request body")) {
            return invalid(List.of(new Violation("body", "required", "a JSON request body is required")), exchange);
        }
        return invalid(List.of(new Violation("body", "readable", String.valueOf(failure.getReason()))), exchange);
    }

    /** Problems Spring raises itself (unknown route, wrong method, …) get Almanac's type and the request path. */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(
            @Nullable Object body, @Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail detail) {
            detail.setInstance(URI.create(exchange.getRequest().getPath().value()));
            if (detail.getType() == null || "about:blank".equals(detail.getType().toString())) {
                detail.setType(URI.create(ProblemTypes.forStatus(status.value())));
            }
            // A 400 that Spring raised itself names no field; the request as a whole is at fault then.
            if (status.value() == 400 && (detail.getProperties() == null || !detail.getProperties().containsKey("errors"))) {
                detail.setProperty("errors", List.of(new Violation("request", "valid", String.valueOf(detail.getDetail()))));
            }
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    private Mono<ResponseEntity<Object>> malformedBody(JacksonException failure, ServerWebExchange exchange) {
        String field = jsonPath(failure);
        Violation violation;
        if (failure instanceof InputRuleException rule) {
            violation = new Violation(field, rule.rule(), field + " " + rule.getOriginalMessage());
        } else if (failure instanceof InputCoercionException outOfRange) {
            violation = new Violation(field, "range", field + " is outside the range of its type ("
                    + expected(outOfRange.getTargetType()).replace("must be ", "") + ")");
        } else if (failure instanceof UnrecognizedPropertyException unknown) {
            violation = new Violation(field, "unknown_field", "'" + unknown.getPropertyName()
                    + "' is not a field of this request; known fields: " + unknown.getKnownPropertyIds());
        } else if (failure instanceof InvalidFormatException format && isScalar(format.getTargetType())) {
            violation = new Violation(field, "type", field + " " + expected(format.getTargetType())
                    + ", got " + format.getValue());
        } else if (failure instanceof InvalidFormatException format) {
            violation = new Violation(field, "format", field + " " + expected(format.getTargetType())
                    + ", got '" + format.getValue() + "'");
        } else if (failure instanceof ValueInstantiationException instantiation) {
            Throwable cause = instantiation.getCause() == null ? instantiation : instantiation.getCause();
            violation = new Violation(field, "valid", String.valueOf(cause.getMessage()));
        } else if (failure instanceof MismatchedInputException mismatch) {
            violation = new Violation(field, "type", field + " " + expected(mismatch.getTargetType()));
        } else if (failure instanceof StreamReadException syntax) {
            violation = new Violation("body", "json_syntax", "the body is not valid JSON: " + syntax.getOriginalMessage()
                    + (syntax.getLocation() == null ? "" : " at line " + syntax.getLocation().getLineNr()
                    + ", column " + syntax.getLocation().getColumnNr()));
        } else {
            violation = new Violation(field, "readable", failure.getOriginalMessage());
        }
        HttpStatus status = HttpStatus.BAD_REQUEST;
        String type = "body".equals(violation.field()) ? ProblemTypes.MALFORMED_BODY : ProblemTypes.VALIDATION;
        return Mono.just(ResponseEntity.status(status)
                .body(problem(status, type, "Invalid request", violation.message(), List.of(violation), exchange)));
    }

    private Mono<ResponseEntity<Object>> invalid(List<Violation> violations, ServerWebExchange exchange) {
        ProblemException problem = ProblemException.invalid(violations);
        return handleProblem(problem, exchange);
    }

    private static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail,
                                         List<Violation> violations, ServerWebExchange exchange) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(type));
        body.setTitle(title);
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        if (!violations.isEmpty()) {
            body.setProperty("errors", violations);
        }
        return body;
    }

    /** The dotted path of the failing value; a number too big for its field is reported where the parser stood. */
    private static String jsonPath(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (Instant.class.equals(type) || Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 instant with an offset, for example 2026-12-01T15:00:00Z";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (isIntegral(type)) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number (" + (type.isPrimitive() ? type.getName() : type.getSimpleName().toLowerCase(Locale.ROOT)) + ")";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (String.class.equals(type)) {
            return "must be a string";
        }
        if (Boolean.class.equals(type) || boolean.class.equals(type)) {
            return "must be true or false";
        }
        return "must be a JSON object";
    }

    /** A number or boolean field, which takes nothing but its own JSON type. */
    private static boolean isScalar(@Nullable Class<?> type) {
        return type != null && (Boolean.class.equals(type) || boolean.class.equals(type)
                || Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class));
    }

    private static boolean isIntegral(Class<?> type) {
        return type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class;
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        RequestHeader requestHeader = parameter.getParameterAnnotation(RequestHeader.class);
        if (requestHeader != null && !requestHeader.name().isEmpty()) {
            return requestHeader.name();
        }
        return parameter.getParameterName() == null ? "parameter" : AlmanacJson.wireName(parameter.getParameterName());
    }

    /** Bean Validation codes as short rule names: NotBlank → required, Size → size. */
    private static String rule(@Nullable String code) {
        if (code == null) {
            return "valid";
        }
        return switch (code) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Min", "Max", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax" -> "range";
            default -> code.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        };
    }

    private static String lastCode(String[] codes) {
        return codes.length == 0 ? "valid" : codes[codes.length - 1];
    }

    private static <T extends Throwable> @Nullable T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
