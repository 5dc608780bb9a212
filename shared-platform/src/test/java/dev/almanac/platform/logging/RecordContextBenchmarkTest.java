package dev.almanac.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.MDC;

import dev.almanac.events.envelope.CloudEventHeaders;

/**
 * The CPU one thread spends putting a record's ids in place and taking them away again ({@link LogContext#of(Headers)}
 * and its close), as each consumer does per record: with the record's correlation id only, and with its
 * {@code traceparent} too, which also joins the trace (ADR 0089). Alternating rounds of {@code almanac.bench.records}
 * (1,000,000) after as many rounds of warm-up; prints each round's CPU a record and the medians. Gated:
 * {@code -Dalmanac.bench=true}.
 *
 * <pre>
 * ./mvnw -B -o -q -pl shared-platform -am test -Dtest=RecordContextBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class RecordContextBenchmarkTest {

    private static final int ROUNDS = 7;

    @Test
    void joinsARecordsTraceAtASmallCostPerRecord() {
        int records = Integer.getInteger("almanac.bench.records", 1_000_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Headers correlated = new RecordHeaders();
        correlated.add(CloudEventHeaders.CORRELATION_ID, "5f1c2a9e-7c1d-4c1e-9d2b-3a4f5e6d7c8b".getBytes(StandardCharsets.UTF_8));
        Headers traced = new RecordHeaders();
        traced.add(CloudEventHeaders.CORRELATION_ID, "5f1c2a9e-7c1d-4c1e-9d2b-3a4f5e6d7c8b".getBytes(StandardCharsets.UTF_8));
        traced.add(CloudEventHeaders.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));
        List<Double> correlationOnly = new ArrayList<>();
        List<Double> withTrace = new ArrayList<>();
        for (int round = 0; round < 2 * ROUNDS; round++) {
            boolean measured = round >= ROUNDS;
            correlationOnly.add(round(threads, records, correlated, measured, round, "correlation id only"));
            withTrace.add(round(threads, records, traced, measured, round, "traceparent and correlation id"));
        }
        double without = median(correlationOnly.subList(ROUNDS, 2 * ROUNDS));
        double with = median(withTrace.subList(ROUNDS, 2 * ROUNDS));
        System.out.printf("LogContext, %,d records a round: median %.0f ns a record with the correlation id only, %.0f ns with the trace joined too%n",
                records, without, with);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    private static double round(ThreadMXBean threads, int records, Headers headers, boolean measured, int round, String label) {
        long began = threads.getCurrentThreadCpuTime();
        for (int index = 0; index < records; index++) {
            try (LogContext.Scope ids = LogContext.of(headers)) {
                if (MDC.get(LogContext.CORRELATION_ID) == null) {
                    throw new AssertionError("no correlation id in the MDC");
                }
            }
        }
        double nanos = (double) (threads.getCurrentThreadCpuTime() - began) / records;
        System.out.printf("round %d%s, %s: %.0f ns of CPU a record%n", round + 1, measured ? "" : " (warm-up)", label, nanos);
        return nanos;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
