package dev.almanac.platform.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/** Gives Spring's HTTP mapper the same convention as the events, strict about unknown fields. */
@AutoConfiguration
public class AlmanacJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer almanacJsonConvention() {
        return AlmanacJson::strictRequests;
    }
}
