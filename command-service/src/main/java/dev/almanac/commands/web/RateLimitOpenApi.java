package dev.almanac.commands.web;

import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents {@link CallerRateLimits}' 429 on every command it limits (every operation under /api/ but a read, which
 * command-service serves none of today, and a run report), so a client knows to honour Retry-After.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitOpenApi {

    @Bean
    OpenApiCustomizer rateLimitAnswer() {
        ApiResponse tooMany = new ApiResponse()
                .description("""
                        The caller sent more commands this second than its budget allows \
                        (almanac.commands.rate-limit.per-second, 20 by default; admins are not limited). Nothing was \
                        done; retry after Retry-After seconds. The problem names the rule rate_limit.""")
                .addHeaderObject("Retry-After", new Header().description("Seconds until the budget refills").schema(new IntegerSchema()))
                .content(new Content().addMediaType("application/problem+json", new MediaType().schema(new ObjectSchema())));
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/") && !path.startsWith("/api/v1/runs")) {
                item.readOperationsMap().forEach((method, operation) -> {
                    if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD && method != PathItem.HttpMethod.OPTIONS
                            && operation.getResponses() != null) {
                        operation.getResponses().addApiResponse("429", tooMany);
                    }
                });
            }
        });
    }
}
