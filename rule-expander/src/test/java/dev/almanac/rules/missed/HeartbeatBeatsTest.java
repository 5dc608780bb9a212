package dev.almanac.rules.missed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.rules.rule.StoredRule;
import dev.almanac.rules.testing.RuleSamples;

/**
 * A heartbeat's beats follow elapsed time (OPS-HEARTBEAT, ADR 0073): across a spring-forward gap and a fall-back repeat, in zones with
 * whole, half and quarter hour offsets and DST shifts of an hour or half an hour, every beat is one interval after the
 * one before, and a report accounts for the beats from its grace before it to an interval after it.
 */
class HeartbeatBeatsTest {

    @ParameterizedTest(name = "{0} around {1}")
    @CsvSource({
            "America/Chicago, 2026-11-01T07:00:00Z",
            "America/Chicago, 2026-03-08T08:00:00Z",
            "Europe/Berlin, 2026-10-25T01:00:00Z",
            "Australia/Lord_Howe, 2026-10-03T15:30:00Z",
            "Australia/Lord_Howe, 2026-04-04T15:00:00Z",
            "Asia/Kolkata, 2026-11-01T07:00:00Z",
            "Asia/Kathmandu, 2026-11-01T07:00:00Z"})
    void beatsAreOneIntervalApartInElapsedTimeAcrossDst(String zone, Instant shift) {
        Instant from = shift.minus(Duration.ofHours(3));
        StoredRule rule = stored(zone, from.minus(Duration.ofDays(1)));

        List<Instant> beats = rule.series().expand(from, shift.plus(Duration.ofHours(3)), 1000).occurrences().stream()
                .map(Occurrence::start).toList();

        assertThat(beats).hasSize(6 * 12);
        for (int i = 1; i < beats.size(); i++) {
            assertThat(Duration.between(beats.get(i - 1), beats.get(i))).as("after %s", beats.get(i - 1)).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @ParameterizedTest(name = "a report at {0}")
    @CsvSource({
            "2026-12-01T10:00:30Z, 2026-12-01T10:00:00Z, 2026-12-01T10:05:00Z",
            "2026-12-01T10:02:00Z, 2026-12-01T10:05:00Z, ",
            "2026-12-01T10:01:00Z, 2026-12-01T10:00:00Z, 2026-12-01T10:05:00Z",
            "2026-12-01T09:55:00Z, 2026-12-01T09:55:00Z, 2026-12-01T10:00:00Z"})
    void aReportAccountsForTheBeatsFromItsGraceBeforeItToAnIntervalAfterIt(Instant at, Instant first, Instant second) {
        StoredRule rule = stored("UTC", Instant.parse("2026-12-01T00:00:00Z"));
        Heartbeat heartbeat = rule.definition().heartbeat();

        List<Instant> beats = RunEvents.beatsAccountedFor(rule, heartbeat, at).stream().map(Occurrence::start).toList();

        assertThat(beats).containsExactlyElementsOf(second == null ? List.of(first) : List.of(first, second));
    }

    private static StoredRule stored(String zone, Instant activeFrom) {
        RuleCreated created = RuleSamples.heartbeat("rule-beats", ZoneId.of(zone), activeFrom, 300, 60);
        return StoredRule.created(created, RuleSamples.envelope(created));
    }
}
