package dev.almanac.commands.eventstore;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Orders Axon's JDBC auto-configuration after Boot 4's DataSource. Axon 4.13 names only Boot
 * 3's class names in its ordering, so on Boot 4 it would run before the DataSource exists and
 * fail with "Default configuration requires the use of event sourcing". Declaring nothing,
 * this class only ties the two orderings together.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"},
        beforeName = {
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration"})
public class AxonJdbcOrdering {
}
