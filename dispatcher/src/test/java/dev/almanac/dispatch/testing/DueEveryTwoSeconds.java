package dev.almanac.dispatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * Rules on six calendars that fall due every two seconds, and what a run of dispatchers must have done with them: every
 * occurrence due up to a few seconds before the end read once by a {@code read_committed} consumer (or inside a misfire
 * it published), none before it was due. Shared by the tests that kill, restart and replicate the dispatcher.
 */
public final class DueEveryTwoSeconds {

    public static final int RULES = 24;
    private static final List<CalendarId> CALENDARS = Stream.of("a", "b", "c", "d", "e", "f").map(name -> CalendarId.of("cal-eo-" + name))
            .toList();

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final List<RuleStory.Step> creations = new ArrayList<>();

    /** Publishes the rules' creations, acknowledged by every replica. */
    public DueEveryTwoSeconds publish(String bootstrap) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < RULES; i++) {
                RuleStory rule = RuleStory.of("*/2 * * * * *", CALENDARS.get(i % CALENDARS.size())).dialect(CronSyntax.SPRING);
                RuleStory.Step created = rule.created(now);
                creations.add(created);
                producer.send(codec.toRecord(created.envelope(), created.event())).get();
            }
        }
        return this;
    }

    /**
     * Waits until, for every rule, a dispatch or a misfire reaching {@code span} after now has been read: the dispatchers
     * have been at work that long on every task. A task handed over after a kill answers only once the killed producer's
     * open transaction is aborted (seconds later), so the rules of the other tasks running ahead say nothing of it.
     */
    public void awaitDispatchFor(DispatchLog dispatched, Duration span, Duration patience) {
        Instant until = Instant.now().plus(span);
        Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> !reachedByEveryRule(dispatched).isBefore(until));
    }

    /** The instant up to which every rule has been dispatched or reported misfired; {@link Instant#MIN} before that. */
    private Instant reachedByEveryRule(DispatchLog dispatched) {
        Map<RuleId, Instant> reached = new HashMap<>();
        for (DispatchLog.Seen seen : dispatched.dispatched()) {
            reached.merge(seen.due().ruleId(), seen.due().dueAt(), DueEveryTwoSeconds::later);
        }
        for (DispatchMisfired misfire : dispatched.misfired()) {
            reached.merge(misfire.ruleId(), misfire.startsUntil(), DueEveryTwoSeconds::later);
        }
        return creations.stream().map(creation -> reached.getOrDefault(((RuleCreated) creation.event()).ruleId(), Instant.MIN))
                .min(Comparator.naturalOrder()).orElse(Instant.MIN);
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    /**
     * Asserts that every occurrence of the rules due up to 5 s before the instant every rule has reached was read once,
     * or lies inside a misfire, and that none was decided or readable before it was due.
     *
     * @return one line of what was read and how late, for the log
     */
    public String assertEachDueOnceAndNeverEarly(DispatchLog dispatched) {
        List<DispatchLog.Seen> seen = dispatched.dispatched();
        assertThat(dispatched.perAttempt()).as("records per occurrence and attempt").allSatisfy((key, count) -> assertThat(count)
                .as(key).isEqualTo(1L));
        assertThat(seen).allSatisfy(one -> {
            assertThat(one.due().dispatchedAt()).as("decided no earlier than due").isAfterOrEqualTo(one.due().dueAt());
            assertThat(one.readAt()).as("readable no earlier than due").isAfterOrEqualTo(one.due().dueAt());
        });
        Instant cutoff = reachedByEveryRule(dispatched).minusSeconds(5);
        Set<String> dispatchedIds = seen.stream().map(one -> one.due().occurrenceId().value()).collect(Collectors.toSet());
        List<String> lost = new ArrayList<>();
        for (RuleStory.Step creation : creations) {
            RuleCreated created = (RuleCreated) creation.event();
            RuleTimeline timeline = RuleTimeline.start(created, creation.envelope()).orElseThrow();
            for (TimelineOccurrence occurrence : timeline.startingIn(created.activeFrom(), cutoff)) {
                if (!dispatchedIds.contains(occurrence.id().value()) && !misfired(dispatched.misfired(), created.ruleId(), occurrence)) {
                    lost.add(created.ruleId() + "@" + occurrence.start());
                }
            }
        }
        assertThat(lost).as("occurrences neither dispatched nor reported misfired").isEmpty();
        return seen.size() + " dispatches, " + dispatched.misfired().size() + " misfires; due to readable "
                + percentiles(seen.stream().map(DispatchLog.Seen::lateness).toList()) + "; due to decided "
                + percentiles(seen.stream().map(one -> Duration.between(one.due().dueAt(), one.due().dispatchedAt())).toList());
    }

    private static boolean misfired(List<DispatchMisfired> misfires, RuleId ruleId, TimelineOccurrence occurrence) {
        return misfires.stream().anyMatch(misfire -> misfire.ruleId().equals(ruleId) && !occurrence.start().isBefore(misfire.startsFrom())
                && occurrence.start().isBefore(misfire.startsUntil()));
    }

    private static String percentiles(List<Duration> durations) {
        List<Duration> sorted = durations.stream().sorted(Comparator.naturalOrder()).toList();
        return "p50 " + sorted.get(sorted.size() / 2).toMillis() + " ms, p99 " + sorted.get(sorted.size() * 99 / 100).toMillis()
                + " ms, max " + sorted.get(sorted.size() - 1).toMillis() + " ms";
    }
}
