package dev.almanac.commands.rule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;

class RuleTest {

    private static final CalendarId OPS = CalendarId.of("cal-ops");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private FixtureConfiguration<Rule> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Rule.class);
        fixture.registerInjectableResource((Calendars) id -> id.equals(OPS)
                ? Optional.of(new CalendarTerms(OPS, NEW_YORK, 1, OverbookingPolicy.ALLOW)) : Optional.empty());
    }

    private static CreateRule rule(String cron, CalendarId queue) {
        return new CreateRule(RuleId.of("rule-nightly"), "Nightly cleanup", cron, NEW_YORK, queue, 300, DstPolicy.DEFAULT,
                new JobTemplate("maintenance_job", Map.of("action", "cleanup"), 5, null), RuleOptions.DEFAULT,
                new RuleMetadata("platform-team", null, List.of()), NOW);
    }

    @Test
    void createsARuleActiveFromTheMomentItWasRequested() {
        fixture.givenNoPriorActivity()
                .when(rule("30 2 * * *", OPS))
                .expectEvents(new RuleCreated(RuleId.of("rule-nightly"), "Nightly cleanup", "30 2 * * *", NEW_YORK, OPS, 300,
                        NOW, DstPolicy.DEFAULT, new JobTemplate("maintenance_job", Map.of("action", "cleanup"), 5, null),
                        RuleOptions.DEFAULT, new RuleMetadata("platform-team", null, List.of())));
    }

    @Test
    void rejectsACronThatCronUtilsCannotRead() {
        fixture.givenNoPriorActivity()
                .when(rule("61 * * * *", OPS))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).field().equals("cron")
                        && rejected.violations().get(0).rule().equals("cron_syntax")));
    }

    @Test
    void rejectsACronThatNeverFires() {
        fixture.givenNoPriorActivity()
                .when(rule("0 0 30 2 *", OPS))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.getMessage().contains("never fires")));
    }

    @Test
    void rejectsAQueueThatNamesNoCalendar() {
        fixture.givenNoPriorActivity()
                .when(rule("30 2 * * *", CalendarId.of("cal-elsewhere")))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.reason() == CommandRejectedException.Reason.UNKNOWN_REFERENCE
                        && rejected.violations().get(0).field().equals("queue")));
    }

    @Test
    void aRepeatRequestedLaterIsStillARepeat() {
        CreateRule first = rule("30 2 * * *", OPS);
        CreateRule later = new CreateRule(first.ruleId(), first.name(), first.cron(), first.timezone(), first.calendarId(),
                first.durationSeconds(), first.dstPolicy(), first.jobTemplate(), first.options(), first.metadata(),
                NOW.plusSeconds(30));

        org.assertj.core.api.Assertions.assertThat(later.isRepeatOf(first.toEvent())).isTrue();
        org.assertj.core.api.Assertions.assertThat(rule("0 3 * * *", OPS).isRepeatOf(first.toEvent())).isFalse();
    }
}
