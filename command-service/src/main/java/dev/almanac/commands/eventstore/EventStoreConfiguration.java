package dev.almanac.commands.eventstore;

import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.postgresql.Driver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import dev.almanac.commands.command.CommandMetadata;

@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /**
     * PostgreSQL reports a duplicate (aggregate, sequence) as SQLState 23505 inside a
     * BatchUpdateException, which Axon's default resolver does not recognise; this turns it
     * into a ConcurrencyException.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Axon's JDBC storage engine, as its auto-configuration makes it; declared here because that
     * configuration steps back once an event store bean exists.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .build();
    }

    /**
     * Axon's aggregates find their target through this bean rather than its uncached default; the version a command
     * expects is compared by its handler once the caller's role is decided ({@code ExpectedVersions}), not as it loads.
     */
    @Bean
    CachedCommandTargetResolver commandTargetResolver() {
        return CachedCommandTargetResolver.leavingVersionsToHandlers();
    }

    @Bean
    WritesWithCommit writesWithCommit(JdbcTemplate jdbc) {
        return new WritesWithCommit(jdbc);
    }

    /** Boot's JDBC transaction manager, as its auto-configuration makes it, sending deferred writes with the commit. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, WritesWithCommit writesWithCommit,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager manager = writesWithCommit.transactionManager(dataSource);
        customizers.ifAvailable(customizer -> customizer.customize(manager));
        return manager;
    }

    @Bean
    Commits commits() {
        return new Commits();
    }

    /** Commits of every replica, from PostgreSQL's notifications on a session of their own (ADR 0095). */
    @Bean
    CommitNotifications commitNotifications(Commits commits, @Value("${spring.datasource.url}") String url,
            @Value("${spring.datasource.username:}") String username, @Value("${spring.datasource.password:}") String password,
            @Value("${almanac.commands.relay.listen-retry:5s}") Duration listenRetry) {
        Properties login = new Properties();
        login.setProperty("user", username);
        login.setProperty("password", password);
        login.setProperty("ApplicationName", "command-service event-commit-listener");
        Driver postgres = new Driver();
        return new CommitNotifications(() -> postgres.connect(url, login), commits, listenRetry);
    }

    /**
     * The event store, as Axon's auto-configuration would make it, but telling {@link Commits}
     * after each commit, so that the relay reads the store when there is something to read.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration, Commits commits) {
        return new SignallingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)), commits);
    }

    /**
     * The mapper of stored payloads (Jackson 2, as Axon's serializer requires). Stored events
     * are read back for as long as they exist, so its settings are part of the store's format:
     * ISO-8601 dates, and tolerance of fields that a later version drops.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Copies who acted and the trace context from each command onto the events it causes. */
    @Bean
    CorrelationDataProvider actorAndTraceCorrelation() {
        return new SimpleCorrelationDataProvider(CommandMetadata.ACTOR, CommandMetadata.TRACEPARENT);
    }

    /**
     * Gives each event its cause, the command's id, and its correlation: the id the request named,
     * or else the command's id, so every event of one request shares it (a bulk reschedule's too).
     */
    @Bean
    CorrelationDataProvider causationAndCorrelation() {
        return new MessageOriginProvider(CommandMetadata.CAUSATION_ID, CommandMetadata.CORRELATION_ID);
    }

    /**
     * Items loaded for a command stay in memory, so a reschedule neither reads a snapshot nor
     * replays the item's events (ADR 0011). The name is the one {@code Item}'s {@code @Aggregate} gives.
     */
    @Bean
    AggregateCache itemCache(MeterRegistry meters,
            @Value("${almanac.commands.item-cache.maximum-size:20000}") long maximumSize) {
        AggregateCache cache = new AggregateCache(maximumSize);
        CaffeineCacheMetrics.monitor(meters, cache.entries(), "item-aggregates");
        return cache;
    }
}
