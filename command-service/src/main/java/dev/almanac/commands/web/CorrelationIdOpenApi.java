package dev.almanac.commands.web;

import java.util.Set;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.Identifiers;

/** Documents {@code X-Correlation-Id} on every operation whose command {@link Actors#metadataOf} reads it. */
@Configuration(proxyBeanMethods = false)
class CorrelationIdOpenApi {

    private static final Set<HttpMethod> COMMANDS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    /** The emergency pause and its undo record only their admin, not the request's metadata. */
    private static final String ADMIN = "/api/v1/admin/";

    @Bean
    OpenApiCustomizer correlationIdHeader() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (sendsCommand(HttpMethod.valueOf(method.name()), path)) {
                operation.addParametersItem(new HeaderParameter()
                        .name(CommandMetadata.CORRELATION_HEADER)
                        .required(false)
                        .description("""
                                Ties together everything this request causes: every event the command writes carries \
                                it as almanac_correlation_id; without it, they carry the command's own id. 1 to 128 \
                                letters, digits or . _ : -, starting with a letter or digit; anything else is refused \
                                with 400 naming the field X-Correlation-Id and the rule format, and nothing is done.""")
                        .schema(new StringSchema().minLength(1).maxLength(128).pattern("^" + Identifiers.PATTERN + "$")));
            }
        }));
    }

    static boolean sendsCommand(HttpMethod method, String path) {
        return COMMANDS.contains(method) && path.startsWith("/api/v1/") && !path.startsWith(ADMIN);
    }
}
