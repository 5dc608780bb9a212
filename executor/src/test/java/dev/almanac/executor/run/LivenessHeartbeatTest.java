package dev.almanac.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.executor.settings.HeartbeatSettings;
import dev.almanac.platform.kafka.EventPublisher;

/** The executor's liveness heartbeat against a publisher that records what it is given. */
class LivenessHeartbeatTest {

    private static final RuleId ALIVE = RuleId.of("rule-executor-alive");
    private static final CalendarId OPS = CalendarId.of("cal-ops");
    private static final String EXECUTOR = "executor-under-test";

    private record Published(EventMetadata metadata, AlmanacEvent event) {

        RunSucceeded report() {
            return (RunSucceeded) event;
        }
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final EventPublisher recording = (metadata, event) -> {
        published.add(new Published(metadata, event));
        return CompletableFuture.completedFuture(null);
    };

    @Test
    void reportsTheRuleSucceededAtOnceOnStartUpUnderTheExecutorsName() {
        // An hour apart: within the test only the report at start-up can come.
        LivenessHeartbeat heartbeat = heartbeat(recording, Duration.ofHours(1));

        heartbeat.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty());
        } finally {
            heartbeat.stop();
        }

        assertThat(published).singleElement().satisfies(one -> {
            RunSucceeded report = one.report();
            assertThat(report.entryKind()).isEqualTo(EntryKind.RULE);
            assertThat(report.entryId()).isEqualTo(ALIVE.value());
            assertThat(report.calendarId()).isEqualTo(OPS);
            assertThat(report.attempt()).isEqualTo(1);
            assertThat(report.executor()).isEqualTo(EXECUTOR);
            assertThat(one.metadata().aggregateVersion()).as("a run that succeeds at once: its first event").isZero();
            assertThat(one.metadata().actor()).isEqualTo(EXECUTOR);
            assertThat(one.metadata().time()).isEqualTo(report.finishedAt());
        });
    }

    @Test
    void reportsEveryPeriodEachTimeARunOfItsOwnAndNothingOnceStopped() {
        LivenessHeartbeat heartbeat = heartbeat(recording, Duration.ofMillis(20));

        heartbeat.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> published.size() >= 3);
        heartbeat.stop();

        assertThat(heartbeat.isRunning()).isFalse();
        assertThat(published).extracting(one -> one.report().runId()).doesNotHaveDuplicates();
        assertThat(published).extracting(one -> one.report().finishedAt()).isSorted();
        int reported = published.size();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> published.size() == reported);
    }

    @Test
    void aReportThatFailsLeavesTheNextOnesOnTime() {
        AtomicInteger calls = new AtomicInteger();
        EventPublisher failingTwice = (metadata, event) -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new IllegalStateException("the producer is closed");
            }
            return call == 2 ? CompletableFuture.failedFuture(new IllegalStateException("the broker refused it"))
                    : recording.publish(metadata, event);
        };
        LivenessHeartbeat heartbeat = heartbeat(failingTwice, Duration.ofMillis(20));

        heartbeat.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> published.size() >= 2);
        } finally {
            heartbeat.stop();
        }
    }

    @Test
    void withoutARuleItReportsNothing() {
        LivenessHeartbeat heartbeat = new LivenessHeartbeat(new RunReporter(recording, EXECUTOR),
                new HeartbeatSettings(" ", null, Duration.ofMillis(20)), Clock.systemUTC());

        heartbeat.start();

        assertThat(heartbeat.isRunning()).isFalse();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(published::isEmpty);
    }

    @Test
    void aRuleWithoutItsCalendarIsRefused() {
        assertThatThrownBy(() -> new HeartbeatSettings(ALIVE.value(), "", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("almanac.executor.heartbeat.calendar-id");
    }

    private static LivenessHeartbeat heartbeat(EventPublisher publisher, Duration every) {
        return new LivenessHeartbeat(new RunReporter(publisher, EXECUTOR), new HeartbeatSettings(ALIVE.value(), OPS.value(), every),
                Clock.systemUTC());
    }
}
