package dev.almanac.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Titles each service's OpenAPI document (served at {@code /v3/api-docs}) after the service. */
@AutoConfiguration
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI almanacOpenApi(@Value("${spring.application.name}") String service,
                           @Value("${almanac.api.description:Almanac}") String description) {
        return new OpenAPI().info(new Info().title("Almanac " + service).version("v1").description(description));
    }
}
