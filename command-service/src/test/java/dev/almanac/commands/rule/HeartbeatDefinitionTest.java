package dev.almanac.commands.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;

/**
 * A heartbeat's definition under a change request (OPS-HEARTBEAT, ADR 0073): its schedule is its interval, so a change
 * of cron, RRULE, jitter or DST policy is refused naming the schedule; what else a change names applies, and a
 * dispatched rule's jitter change keeps every other option.
 */
class HeartbeatDefinitionTest {

    private static final Heartbeat EVERY_5_MINUTES = new Heartbeat(300, 60);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aChangeOfAHeartbeatsScheduleJitterOrDstPolicyIsRefusedNamingTheSchedule() {
        RuleDefinition heartbeat = definition(new RuleSchedule("", null, new RecurrenceRule(EVERY_5_MINUTES.rrule(),
                LocalDateTime.parse("2026-12-01T10:00:00"), List.of(), List.of())), EVERY_5_MINUTES);

        assertThatThrownBy(() -> heartbeat.with(new RuleSchedule("*/5 * * * *", null, null), null, null, null, null))
                .isInstanceOfSatisfying(CommandRejectedException.class, refused -> {
                    assertThat(refused.violations().get(0).field()).isEqualTo("schedule");
                    assertThat(refused.violations().get(0).rule()).isEqualTo("heartbeat");
                });
        assertThatThrownBy(() -> heartbeat.with(null, null, null, 30, null)).isInstanceOf(CommandRejectedException.class);
        assertThat(heartbeat.with(null, ZoneId.of("Asia/Kathmandu"), 120L, null, null).timezone()).isEqualTo(ZoneId.of("Asia/Kathmandu"));
    }

    @Test
    void aJitterChangeKeepsEveryOtherOptionOfADispatchedRule() {
        RuleOptions options = new RuleOptions(2, 0, RetryPolicy.LINEAR, false, null, null, 4, 20, null);
        RuleDefinition rule = new RuleDefinition("Sweep", new RuleSchedule("*/5 * * * *", null, null), ZoneId.of("UTC"),
                CalendarId.of("cal-ops"), 300, Heartbeat.BEATS, new JobTemplate("sweep", Map.of(), null, null), options,
                RuleMetadata.NONE, List.of(), NOW);

        assertThat(rule.with(null, null, null, 30, null).options()).isEqualTo(options.withJitterSeconds(30))
                .satisfies(changed -> assertThat(changed.retryLimit()).isEqualTo(4));
    }

    private static RuleDefinition definition(RuleSchedule schedule, Heartbeat heartbeat) {
        return new RuleDefinition("Billing sync", schedule, ZoneId.of("UTC"), CalendarId.of("cal-ops"), 300, Heartbeat.BEATS,
                new JobTemplate("billing-sync", Map.of(), null, null),
                new RuleOptions(null, 0, RetryPolicy.NONE, false, null, null, null, null, null, heartbeat), RuleMetadata.NONE, List.of(), NOW);
    }
}
