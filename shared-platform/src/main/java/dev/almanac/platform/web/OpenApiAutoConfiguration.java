package dev.almanac.platform.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Each service's OpenAPI document (served at {@code /v3/api-docs}): titled after the service, and
 * describing the snake_case, lower-case-enum wire format rather than the Java names.
 */
@AutoConfiguration
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI almanacOpenApi(@Value("${spring.application.name}") String service,
                           @Value("${almanac.api.description:Almanac}") String description) {
        // A relative server: behind the gateway the document's own host is not where a client should call.
        return new OpenAPI()
                .info(new Info().title("Almanac " + service).version("v1").description(description))
                .servers(List.of(new Server().url("/")));
    }

    @Bean
    WireFormatOpenApi wireFormatOpenApi() {
        return new WireFormatOpenApi();
    }
}
