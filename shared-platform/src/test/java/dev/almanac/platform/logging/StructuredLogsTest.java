package dev.almanac.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.envelope.CloudEventHeaders;

/**
 * {@code ALMANAC_LOG_FORMAT=json} gives Spring Boot's Elastic Common Schema lines, and a line logged while a record is
 * handled carries the record's trace and correlation ids: written by the encoder Boot's console appender uses, on the
 * logging system the services run, and read back as JSON.
 */
class StructuredLogsTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String CORRELATION_ID = "bulk-reschedule-7";

    private final KafkaLogContext interceptor = new KafkaLogContext();

    @AfterEach
    void clearTheMdc() {
        MDC.clear();
    }

    @Test
    void jsonIsElasticCommonSchemaAndNothingOrPlainKeepsBootsTextLines() {
        assertThat(consoleFormatWith(Map.of(LogFormat.VARIABLE, "json"))).isEqualTo("ecs");
        assertThat(consoleFormatWith(Map.of(LogFormat.VARIABLE, "logstash"))).isEqualTo("logstash");
        assertThat(consoleFormatWith(Map.of())).isNull();
        assertThat(consoleFormatWith(Map.of(LogFormat.VARIABLE, "plain"))).isNull();
        assertThat(consoleFormatWith(Map.of(LogFormat.VARIABLE, "json", LogFormat.CONSOLE_FORMAT, "gelf")))
                .as("a format the service sets itself wins").isEqualTo("gelf");
        assertThatThrownBy(() -> consoleFormatWith(Map.of(LogFormat.VARIABLE, "xml")))
                .hasMessageContaining("ALMANAC_LOG_FORMAT is 'xml'").hasMessageContaining("json");
    }

    @Test
    void aLineLoggedWhileARecordIsHandledIsOneJsonObjectWithTheRecordsTraceAndCorrelationIds() throws Exception {
        MockEnvironment environment = environmentWith(Map.of(LogFormat.VARIABLE, "json", "spring.application.name", "query-service"));
        ConsumerRecord<Object, Object> record = record(TRACEPARENT, CORRELATION_ID);

        List<JsonNode> lines = linesLogged(environment, logger -> {
            interceptor.intercept(record, null);
            logger.info("Applied {}", record.offset());
            interceptor.afterRecord(record, null);
            logger.info("Between records");
        });

        assertThat(lines).hasSize(2);
        JsonNode handled = lines.get(0);
        assertThat(handled.path("message").asString()).isEqualTo("Applied 7");
        assertThat(handled.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(handled.path("service").path("name").asString()).isEqualTo("query-service");
        assertThat(handled.path("ecs").path("version").isMissingNode()).isFalse();
        assertThat(handled.path(LogContext.TRACE_ID).asString()).isEqualTo(TRACE_ID);
        assertThat(handled.path(LogContext.CORRELATION_ID).asString()).isEqualTo(CORRELATION_ID);
        assertThat(lines.get(1).has(LogContext.TRACE_ID)).as("a line after the record").isFalse();
        assertThat(lines.get(1).has(LogContext.CORRELATION_ID)).as("a line after the record").isFalse();
    }

    @Test
    void aBatchFromOneRequestCarriesItsIdsAndABatchOfSeveralCarriesNone() {
        interceptor.intercept(batch(record(TRACEPARENT, CORRELATION_ID), record(TRACEPARENT, CORRELATION_ID)), null);
        assertThat(MDC.get(LogContext.TRACE_ID)).isEqualTo(TRACE_ID);
        assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo(CORRELATION_ID);

        interceptor.intercept(batch(record(TRACEPARENT, CORRELATION_ID), record(null, "another-request")), null);
        assertThat(MDC.get(LogContext.TRACE_ID)).isNull();
        assertThat(MDC.get(LogContext.CORRELATION_ID)).isNull();

        interceptor.intercept(batch(record(TRACEPARENT, CORRELATION_ID)), null);
        interceptor.clearThreadState(null);
        assertThat(MDC.getCopyOfContextMap()).as("the MDC once the container is done with the poll").isNullOrEmpty();
    }

    @Test
    void aScopePutsBackWhatTheThreadHadAndAMalformedTraceparentGivesNoTraceId() {
        MDC.put(LogContext.CORRELATION_ID, "outer");
        try (LogContext.Scope inner = LogContext.of("00-not-a-trace-01", "inner")) {
            assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo("inner");
            assertThat(MDC.get(LogContext.TRACE_ID)).isNull();
        }
        assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo("outer");
        assertThat(LogContext.traceIdOf("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).as("the invalid all-zero trace id").isNull();
        assertThat(LogContext.traceIdOf(TRACEPARENT)).isEqualTo(TRACE_ID);
    }

    private interface Logging {
        void logTo(Logger logger) throws Exception;
    }

    /** The lines {@code logging} writes through Boot's structured encoder in the format the environment names. */
    private static List<JsonNode> linesLogged(MockEnvironment environment, Logging logging) throws Exception {
        // The services' own logger context: the MDC that slf4j's MDC writes is this context's.
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        Logger logger = context.getLogger(StructuredLogsTest.class.getName() + ".lines");
        try {
            encoder.setContext(context);
            encoder.setFormat(environment.getProperty(LogFormat.CONSOLE_FORMAT));
            encoder.start();
            appender.setContext(context);
            appender.setEncoder(encoder);
            appender.setOutputStream(written);
            appender.start();
            logger.setAdditive(false);
            logger.addAppender(appender);
            logging.logTo(logger);
        } finally {
            logger.detachAppender(appender);
            appender.stop();
            context.removeObject(Environment.class.getName());
        }
        JsonMapper json = JsonMapper.builder().build();
        return written.toString(StandardCharsets.UTF_8).lines().map(json::readTree).toList();
    }

    private static String consoleFormatWith(Map<String, String> properties) {
        return environmentWith(properties).getProperty(LogFormat.CONSOLE_FORMAT);
    }

    private static MockEnvironment environmentWith(Map<String, String> properties) {
        MockEnvironment environment = new MockEnvironment();
        properties.forEach(environment::setProperty);
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static ConsumerRecord<Object, Object> record(String traceparent, String correlationId) {
        RecordHeaders headers = new RecordHeaders();
        if (traceparent != null) {
            headers.add(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        headers.add(CloudEventHeaders.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("almanac.schedule.v1", 0, 7, 0L, TimestampType.CREATE_TIME,
                0, 0, "calendar-1", new byte[0], headers, Optional.empty());
    }

    @SafeVarargs
    private static ConsumerRecords<Object, Object> batch(ConsumerRecord<Object, Object>... records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition("almanac.schedule.v1", 0), List.of(records)), Map.of());
    }
}
