package dev.almanac.query.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds and checks {@code almanac.calendar.*} once, for the configuration endpoint and the queries that default to it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CalendarSettings.class)
public class CalendarSettingsConfiguration {
}
