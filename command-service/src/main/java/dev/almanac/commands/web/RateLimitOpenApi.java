package dev.almanac.commands.web;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.platform.web.ProblemOpenApi;

/**
 * Documents {@link CallerRateLimits}' 429 on every operation the limit counts, so a client knows to honour Retry-After.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitOpenApi {

    @Bean
    OpenApiCustomizer rateLimitAnswer() {
        return openApi -> {
            ApiResponse tooMany = ProblemOpenApi.answer(openApi, """
                    The caller sent more commands this second than its budget allows \
                    (almanac.commands.rate-limit.per-second, 20 by default; admins are not limited). Nothing was \
                    done; retry after Retry-After seconds. The problem names the rule rate_limit.""")
                    .addHeaderObject("Retry-After", new Header().description("Seconds until the budget refills").schema(new IntegerSchema()))
                    .addHeaderObject(CallerRateLimits.POLICY, new Header().description("The budget and its window, e.g. \"commands\";q=20;w=1")
                            .schema(new StringSchema()))
                    .addHeaderObject(CallerRateLimits.REMAINING, new Header().description("What is left of it and the seconds until it "
                            + "refills, e.g. \"commands\";r=0;t=1").schema(new StringSchema()));
            ProblemOpenApi.addTo(openApi, "429", tooMany, CallerRateLimits::counts);
        };
    }
}
