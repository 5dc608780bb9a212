package dev.almanac.conflicts.command;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.almanac.platform.openapi.ProblemResponse;

/** The refusals every lifecycle transition (resolve, escalate, dismiss) may answer, as its OpenAPI operation lists them. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ProblemResponse(responseCode = "400", description = "Bad id, If-Match or body; errors[].field names it")
@ProblemResponse(responseCode = "404", description = "No conflict has this id")
@ProblemResponse(responseCode = "409", description = "The conflict's status does not allow it")
@ProblemResponse(responseCode = "412", description = "The conflict is no longer at the If-Match version")
@interface TransitionProblems {
}
