package dev.almanac.query.consistency;

import java.util.List;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.platform.consistency.ConsistencyToken;

/** Documents {@link ConsistencyFilter} on every operation, all of them reads, where springdoc cannot see a web filter's parameters. */
@Configuration(proxyBeanMethods = false)
public class ConsistencyOpenApi {

    @Bean
    OpenApiCustomizer consistencyTokenParameter() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            operation.addParametersItem(new QueryParameter()
                    .name(ConsistencyToken.PARAMETER)
                    .required(false)
                    .description("""
                            The %s header of a command's answer. The read waits (almanac.query.consistency-wait, 3 s by \
                            default) until the read models hold that write, then answers with %s: fresh, or stale if \
                            the wait ran out first. A token no command gave is a 400 (rule format)."""
                            .formatted(ConsistencyToken.HEADER, Freshness.HEADER))
                    .schema(new StringSchema()));
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject(Freshness.HEADER, new Header()
                            .description("fresh or stale; present only when consistency_token was given")
                            .schema(new StringSchema()._enum(List.of("fresh", "stale"))));
                }
            });
        }));
    }
}
