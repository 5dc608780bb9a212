package dev.almanac.rules.materialisation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The planner, configured with the horizon and the per-pass cap. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MaterialisationSettings.class)
class MaterialisationConfiguration {

    @Bean
    MaterialisationPlanner materialisationPlanner(MaterialisationSettings settings) {
        return new MaterialisationPlanner(settings.horizon(), settings.maxOccurrencesPerPass());
    }
}
