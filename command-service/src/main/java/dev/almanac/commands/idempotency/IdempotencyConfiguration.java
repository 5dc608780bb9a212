package dev.almanac.commands.idempotency;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Documents {@code Idempotency-Key} on every POST command, and schedules the purge of expired keys. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyConfiguration {

    @Bean
    OpenApiCustomizer idempotencyKeyHeader() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/v1/") && item.getPost() != null) {
                item.getPost().addParametersItem(new HeaderParameter()
                        .name(IdempotencyFilter.HEADER)
                        .required(false)
                        .description("""
                                1 to 255 printable ASCII characters, such as a UUID (400 otherwise, field Idempotency-Key). \
                                A repeat of this request with the same key, by the same actor, within 24 hours answers the \
                                first response again (status, body, ETag, Location and Almanac-Consistency-Token), with \
                                Idempotent-Replayed: true, and applies nothing. The same key with another body, method or \
                                path is 422, rule idempotency_key_reuse; a repeat while the first is still running is 409, \
                                rule in_progress, with Retry-After: 1. A response of 500 or more is not kept.""")
                        .schema(new StringSchema().minLength(1).maxLength(IdempotencyFilter.MAX_KEY_LENGTH)));
            }
        });
    }
}
