package dev.almanac.rules.missed;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.rules.materialisation.MaterialisationSettings;

/** The missed-run planner, configured with the grace period, the catch-up window and cap, and the per-pass cap. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MissedRunSettings.class)
class MissedRunConfiguration {

    @Bean
    MissedRunPlanner missedRunPlanner(MissedRunSettings settings, MaterialisationSettings materialisation) {
        return new MissedRunPlanner(settings, materialisation.maxOccurrencesPerPass());
    }
}
