package dev.almanac.platform.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * Registers the problem-details advice in every reactive web service, ahead of Boot's own
 * handler (which backs off when another {@code ResponseEntityExceptionHandler} exists).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(ProblemDetailsAdvice.class)
public class ProblemDetailsAutoConfiguration {
}
