package dev.almanac.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.core.annotation.AliasFor;
import org.springframework.http.ProblemDetail;

/**
 * An operation's answer whose body is an RFC 9457 problem document: springdoc reads it as the
 * {@code @ApiResponse} it is meta-annotated with, {@code content} an {@code application/problem+json}
 * {@link ProblemDetail}, so that only the status and what it means are written where it is used.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ProblemResponses.class)
@ApiResponse(content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
public @interface ProblemResponse {

    /** The HTTP status, such as {@code "404"}. */
    @AliasFor(annotation = ApiResponse.class)
    String responseCode();

    /** When the operation answers it, for a client to act on. */
    @AliasFor(annotation = ApiResponse.class)
    String description();
}
