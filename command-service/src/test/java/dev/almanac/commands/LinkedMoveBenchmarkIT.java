package dev.almanac.commands;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.commands.support.ScheduleClient;

/**
 * What a change that spans items costs (ADR 0022): one client, one request after the other, the
 * latency of a reschedule of an item alone, of a primary with one follower on another calendar, and
 * of a cascade over 10 and over 100 items, all on calendars that block overbooking, in this JVM's
 * embedded PostgreSQL. Run with
 * <pre>
 * ./mvnw -o -B -pl command-service -am verify -Dit.test=LinkedMoveBenchmarkIT -Dtest=none -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 */
@CommandServiceIntegrationTest
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class LinkedMoveBenchmarkIT {

    private static final Instant NEXT_MONTH = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private static final int WARM_UP = 20;
    private static final int MEASURED = 100;

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reschedulesAloneLinkedAndWithCascade() {
        ScheduleClient schedules = new ScheduleClient(client.mutate().responseTimeout(Duration.ofMinutes(1)).build(), jdbc, eventStore);
        String calendar = schedules.createCalendar(1_000, "block");
        String other = schedules.createCalendar(1_000, "block");

        String alone = schedules.schedule("alone", calendar, NEXT_MONTH);
        report("alone", time(schedules, alone, false));

        String primary = schedules.schedule("primary", calendar, NEXT_MONTH);
        schedules.link(primary, schedules.schedule("follower", other, NEXT_MONTH.plus(2, ChronoUnit.HOURS)), null)
                .expectStatus().isOk();
        report("primary + 1 follower", time(schedules, primary, false));

        for (int dependents : List.of(9, 99)) {
            String root = schedules.schedule("root", calendar, NEXT_MONTH);
            IntStream.range(0, dependents).forEach(i -> schedules.schedule("dependent", i % 2 == 0 ? calendar : other,
                    NEXT_MONTH.plus(1, ChronoUnit.HOURS), root));
            report("cascade of " + (dependents + 1), time(schedules, root, true));
        }
    }

    private static long[] time(ScheduleClient schedules, String item, boolean cascade) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            Instant to = NEXT_MONTH.plus(i % 2 == 0 ? 24 : 0, ChronoUnit.HOURS);
            long start = System.nanoTime();
            schedules.reschedule(item, to, cascade).expectStatus().isOk();
            if (i >= WARM_UP) {
                micros.add((System.nanoTime() - start) / 1_000);
            }
        }
        return micros.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("LINKED-MOVE-BENCH %-22s n=%d p50=%.1f ms p99=%.1f ms mean=%.1f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1000.0, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1000.0,
                Arrays.stream(sorted).average().orElse(0) / 1000.0);
    }
}
