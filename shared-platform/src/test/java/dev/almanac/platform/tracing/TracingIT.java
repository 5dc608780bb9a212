package dev.almanac.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.PlatformTestApplication;
import dev.almanac.platform.logging.LogContext;

/**
 * A service as the platform configures it: an HTTP request continues its {@code traceparent} in a span of its own or
 * starts a trace, and a Kafka listener handles a record in the trace its headers carry, in the MDC and as the current
 * trace of anything it starts.
 */
@SpringBootTest(classes = {PlatformTestApplication.class, TracingIT.Probe.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TracingIT {

    private static final String TOPIC = "almanac.tracing-probe";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers());
        registry.add("spring.kafka.consumer.group-id", () -> "tracing-it");
        registry.add("spring.application.name", () -> "tracing-it");
    }

    @TestConfiguration
    @RestController
    static class Probe {

        final List<Map<String, String>> handled = new CopyOnWriteArrayList<>();

        @Autowired
        Tracer tracer;

        @Bean
        NewTopic tracingProbeTopic() {
            return new NewTopic(TOPIC, 1, (short) 1);
        }

        @GetMapping("/trace-probe")
        Map<String, String> traceOf(ServerWebExchange exchange) {
            String traceparent = TraceContexts.ofRequest(exchange);
            return traceparent == null ? Map.of() : Map.of("traceparent", traceparent);
        }

        @KafkaListener(topics = TOPIC)
        void on(ConsumerRecord<String, byte[]> record) {
            Map<String, String> seen = new HashMap<>(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap());
            Span current = tracer.currentSpan();
            if (current != null) {
                seen.put("currentTraceId", current.context().traceId());
            }
            Span child = tracer.nextSpan().name("work").start();
            seen.put("childTraceId", child.context().traceId());
            child.end();
            handled.add(seen);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Probe probe;

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Test
    void aRequestWithATraceparentIsASpanOfThatTrace() {
        String traceparent = traceparentServing(TRACEPARENT);

        assertThat(TraceContexts.traceIdOf(traceparent)).isEqualTo(TRACE_ID);
        assertThat(TraceContexts.spanIdOf(traceparent)).as("the server's own span").isNotEqualTo(PARENT_ID);
    }

    @Test
    void aRequestWithoutOneOrWithAMalformedOneStartsATraceOfItsOwn() {
        String first = TraceContexts.traceIdOf(traceparentServing(null));
        String second = TraceContexts.traceIdOf(traceparentServing("00-not-a-trace-01"));

        assertThat(first).isNotNull();
        assertThat(second).isNotNull().isNotEqualTo(first);
    }

    @Test
    void aListenerHandlesARecordInTheTraceItsHeadersCarry() throws Exception {
        var record = new ProducerRecord<String, byte[]>(TOPIC, "key", "{}".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.CORRELATION_ID, "request-42".getBytes(StandardCharsets.UTF_8));

        template.send(record).get();

        await().atMost(Duration.ofSeconds(30)).until(() -> !probe.handled.isEmpty());
        assertThat(probe.handled.get(0))
                .containsEntry(LogContext.TRACE_ID, TRACE_ID)
                .containsEntry(LogContext.SPAN_ID, PARENT_ID)
                .containsEntry(LogContext.CORRELATION_ID, "request-42")
                .containsEntry("currentTraceId", TRACE_ID)
                .containsEntry("childTraceId", TRACE_ID);
    }

    private String traceparentServing(String traceparent) {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/trace-probe");
        if (traceparent != null) {
            request = request.header(TraceContexts.TRACEPARENT, traceparent);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> body = request.exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(body).containsKey("traceparent");
        return body.get("traceparent");
    }
}
