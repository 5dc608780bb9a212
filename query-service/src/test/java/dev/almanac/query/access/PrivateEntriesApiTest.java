package dev.almanac.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.support.FeedFixture;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;

/**
 * ADR 0096, one rule on every surface that shows entries: a private item is shown whole to its owner, the calendar's
 * managers and the admins, and as a busy block (id, calendar, start, end, {@code busy}) to its other readers; so is a
 * private rule, and each of its occurrences, its creator in the owner's place; a free/busy grantee's views show every entry
 * as a busy block, and the other surfaces show them nothing. Each surface is read by each caller, and the body searched for
 * the item's and the rule's title, type, tags and metadata. The events go in as the listener hands them over, so that the
 * change feed has them too.
 */
@QueryApiTest
class PrivateEntriesApiTest extends ReadModelApiTest {

    private static final String CALENDAR = EventSamples.BALLROOM.value();
    private static final ItemId SECRET = ItemId.of("item-secret");
    private static final String TITLE = "Consultation with Dr Quinn";
    private static final String TYPE = "psychiatry";
    private static final String TAG = "confidential-tag";
    private static final String METADATA = "patient-4711";
    private static final List<String> ITEM_DETAILS = List.of(TITLE, TYPE, TAG, METADATA);
    private static final String RULE_NAME = "Group therapy ward four";
    private static final String RULE_TYPE = "psych_session";
    private static final String RULE_OWNER = "psych-team";
    private static final String RULE_DESCRIPTION = "patients of the closed ward";
    private static final String RULE_TAG = "ward-4-tag";
    private static final List<String> DETAILS = List.of(TITLE, TYPE, TAG, METADATA, RULE_NAME, RULE_TYPE, RULE_OWNER, RULE_DESCRIPTION,
            RULE_TAG);
    private static final RuleCreated PRIVATE_RULE = new RuleCreated(RuleId.of("rule-secret"), RULE_NAME, "0 10 * * *", ZoneOffset.UTC,
            CalendarId.of(CALENDAR), 3600, Instant.parse("2026-11-01T00:00:00Z"), DstPolicy.DEFAULT,
            new JobTemplate(RULE_TYPE, Map.of("ward", 4), 5, 600), new RuleOptions(1, 0, RetryPolicy.EXPONENTIAL, false, 100),
            new RuleMetadata(RULE_OWNER, RULE_DESCRIPTION, List.of(RULE_TAG), true));
    private static final String OCCURRENCE = OccurrenceId.of(PRIVATE_RULE.ruleId(), Instant.parse("2026-12-01T10:00:00Z")).value();
    private static final String RANGE = "from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z";
    private static final String CONFLICT = "conflict-secret";

    private static final CalendarCreated OWNED_BY_DANA = new CalendarCreated(EventSamples.BALLROOM, "Clinic", CalendarType.STAFF,
            ZoneId.of("UTC"), 5, OverbookingPolicy.BLOCK, null, new CalendarOwner("dana", OwnerType.STAFF), null);

    /**
     * The surfaces a viewer reads the calendar's entries, rules and conflicts on, each with what its owner and managers see
     * of the private item and rule there (their titles), and the ids shown to others as busy blocks. The free/busy grantee
     * reads the first three as busy blocks; the reads across calendars leave the calendar out for them, and the others
     * answer them as for a calendar without a role.
     */
    static Stream<Arguments> surfaces() {
        List<String> both = List.of(TITLE, RULE_NAME);
        List<String> bothIds = List.of(SECRET.value(), OCCURRENCE);
        return Stream.of(
                Arguments.of("/api/v1/calendars/" + CALENDAR + "/entries?" + RANGE, both, bothIds),
                Arguments.of("/api/v1/calendars/" + CALENDAR + "/monthly?date=2026-12-01", both, bothIds),
                Arguments.of("/api/v1/calendars/" + CALENDAR + "/daily?date=2026-12-01", both, bothIds),
                Arguments.of("/api/v1/schedules/" + SECRET.value(), List.of(TITLE), List.of(SECRET.value())),
                Arguments.of("/api/v1/schedules/" + OCCURRENCE, List.of(RULE_NAME), List.of(OCCURRENCE)),
                Arguments.of("/api/v1/calendars/" + CALENDAR + "/export.ics?rules=instances&" + RANGE, both, List.of()),
                Arguments.of("/api/v1/calendars/" + CALENDAR + "/export.csv?" + RANGE, both, List.of()),
                Arguments.of("/api/v1/schedules?" + RANGE, both, bothIds),
                Arguments.of("/api/v1/schedules?calendar_id=" + CALENDAR + "&" + RANGE, both, bothIds),
                Arguments.of("/api/v1/schedules/detailed?date=2026-12-01&timezone=UTC", both, bothIds),
                Arguments.of("/api/v1/schedules/detailed?date=2026-12-01&timezone=UTC&queue=" + CALENDAR, both, bothIds),
                Arguments.of("/api/v1/ops/calendar/events?start=2026-12-01T00:00:00Z&end=2026-12-02T00:00:00Z", both, bothIds),
                Arguments.of("/api/v1/schedules/rules/" + PRIVATE_RULE.ruleId().value(), List.of(RULE_NAME, RULE_TAG), List.of()),
                Arguments.of("/api/v1/schedules/rules?queue=" + CALENDAR, List.of(RULE_NAME, RULE_TAG), List.of()),
                // The feed tells computed occurrences through their rule (ADR 0080).
                Arguments.of("/api/v1/changes", List.of(TITLE, TAG, RULE_NAME, RULE_TAG), List.of(SECRET.value(), "rule-secret")),
                Arguments.of("/api/v1/conflicts/" + CONFLICT, List.of(TITLE), List.of(SECRET.value())),
                Arguments.of("/api/v1/conflicts?calendar_id=" + CALENDAR, List.of(TITLE), List.of(SECRET.value())),
                Arguments.of("/api/v1/conflicts/" + CONFLICT + "/suggestions", List.of(TITLE), List.of(SECRET.value())));
    }

    private FeedFixture givenAPrivateItemAndRuleOfAlices() {
        FeedFixture feed = new FeedFixture(projections);
        feed.given(OWNED_BY_DANA,
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("alice"), CalendarRole.SCHEDULER, null),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("vic"), CalendarRole.VIEWER, null),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("mia"), CalendarRole.MANAGER, null),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("fay"), CalendarRole.FREEBUSY, null),
                new ItemScheduled(SECRET, EventSamples.BALLROOM, TITLE, TYPE, Instant.parse("2026-12-01T15:00:00Z"),
                        Instant.parse("2026-12-01T16:00:00Z"), ZoneId.of("UTC"), Priority.HIGH, List.of(TAG), null, List.of(),
                        Map.of("ref", METADATA), ItemSource.MANUAL, List.of(), null, UserId.of("alice"), true),
                ReadModelFixture.item("item-open", CALENDAR, "meeting", Instant.parse("2026-12-01T15:30:00Z"), Duration.ofHours(1)),
                new ConflictDetected(ConflictId.of(CONFLICT), EventSamples.BALLROOM, ConflictType.TIME_OVERLAP, ConflictLevel.SEVERE,
                        Instant.parse("2026-12-01T15:30:00Z"), Instant.parse("2026-12-01T16:00:00Z"), 1, 2, List.of(
                        new ConflictingEntry(ConflictEntryKind.ITEM, SECRET.value(), TITLE, Instant.parse("2026-12-01T15:00:00Z"),
                                Instant.parse("2026-12-01T16:00:00Z")),
                        new ConflictingEntry(ConflictEntryKind.ITEM, "item-open", "Open meeting", Instant.parse("2026-12-01T15:30:00Z"),
                                Instant.parse("2026-12-01T16:30:00Z")))));
        // Created by alice, who sees its occurrences whole as an item's owner does.
        feed.given(new ReceivedEvent(FeedFixture.by("alice", PRIVATE_RULE, 0), PRIVATE_RULE));
        return feed;
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void aPrivateItemOrRuleIsWholeToItsOwnerAndManagersAndABusyBlockToOtherReaders(String surface, List<String> whole,
                                                                                 List<String> busyIds) {
        givenAPrivateItemAndRuleOfAlices();

        for (String user : List.of("alice", "mia", "dana")) {
            assertThat(read(surface, user)).as("%s as %s", surface, user).contains(whole);
        }
        String busy = read(surface, "vic");
        assertThat(busy).as("%s as vic", surface).doesNotContain(DETAILS);
        if (!busyIds.isEmpty()) {
            assertThat(busy).as("%s as vic", surface).contains(busyIds);
        }
        // Exports render a busy block as an event without a title; a suggestion names the entry it moves by its id.
        if (!surface.contains("export") && !surface.endsWith("/suggestions")) {
            assertThat(busy).as("%s as vic", surface).contains("\"busy\":\"private\"");
        }
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void aFreeBusyGranteeSeesOnlyBusyBlocksOrNothing(String surface, List<String> whole, List<String> busyIds) {
        givenAPrivateItemAndRuleOfAlices();

        var answer = client.get().uri(surface).header("X-Almanac-User", "fay").exchange().expectBody(String.class).returnResult();
        String body = Objects.requireNonNullElse(answer.getResponseBody(), "");
        assertThat(body).as("%s as fay", surface).doesNotContain(DETAILS);
        if (surface.contains("/entries") || surface.contains("/monthly") || surface.contains("/daily")) {
            assertThat(answer.getStatus().value()).as(surface).isEqualTo(200);
            assertThat(body).contains(busyIds).contains("\"busy\":\"busy\"");
        } else if (surface.contains("/calendars/" + CALENDAR) || surface.contains("/" + SECRET.value())
                || surface.contains("/" + OCCURRENCE) || surface.contains("/rule-secret") || surface.contains("/" + CONFLICT)) {
            // Reads by id and of the calendar answer as for a calendar without a role (the 404 names only the id asked for).
            assertThat(answer.getStatus().value()).as(surface).isEqualTo(404);
        } else if (answer.getStatus().value() != 404) {
            // Reads across calendars leave a free/busy calendar out; a list narrowed to it lists nothing, or answers as
            // for an unknown calendar.
            assertThat(answer.getStatus().value()).as(surface).isEqualTo(200);
            assertThat(body).as(surface).doesNotContain(SECRET.value(), OCCURRENCE, "rule-secret", CONFLICT);
        }
    }

    /** No filter by type, tag or priority matches what a caller sees as a busy block: the match would tell what it hides. */
    @Test
    void theScheduleListMatchesAPrivateItemByItsDetailsForItsOwnerOnly() {
        givenAPrivateItemAndRuleOfAlices();

        for (String filter : List.of("tag=" + TAG, "priority=high")) {
            String list = "/api/v1/schedules?" + RANGE + "&" + filter;
            assertThat(read(list, "alice")).as("%s as alice", filter).contains(SECRET.value());
            assertThat(read(list, "mia")).as("%s as mia", filter).contains(SECRET.value());
            assertThat(read(list, "vic")).as("%s as vic", filter).doesNotContain(SECRET.value());
        }
        assertThat(read("/api/v1/schedules?" + RANGE + "&type=private", "vic")).contains(SECRET.value());
    }

    /**
     * A rule list filtered by owner or creator matches a private rule only for those who see it whole: to a viewer the match
     * would tell whose it is, which its busy block hides. Unfiltered, the viewer still lists it as a busy block.
     */
    @Test
    void theRuleListMatchesAPrivateRuleByOwnerOrCreatorForThoseWhoSeeItWholeOnly() {
        givenAPrivateItemAndRuleOfAlices();

        for (String filter : List.of("owner=" + RULE_OWNER, "created_by=alice", "queue=" + CALENDAR + "&created_by=alice")) {
            String list = "/api/v1/schedules/rules?" + filter;
            assertThat(read(list, "alice")).as("%s as alice", filter).contains("rule-secret", RULE_NAME).contains("\"total\":1");
            assertThat(read(list, "mia")).as("%s as mia", filter).contains("rule-secret", RULE_NAME).contains("\"total\":1");
            assertThat(read(list, "vic")).as("%s as vic", filter).doesNotContain("rule-secret").contains("\"total\":0");
        }
        assertThat(read("/api/v1/schedules/rules?queue=" + CALENDAR, "vic")).contains("rule-secret").doesNotContain(RULE_NAME);
    }

    /** The window counts a private entry under job_types.private, for everyone: its type is never aggregated. */
    @Test
    void theWindowCountsAPrivateEntryByNoTypeOfItsOwn() {
        givenAPrivateItemAndRuleOfAlices();

        for (String user : List.of("alice", "vic")) {
            String window = read("/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&queue="
                    + CALENDAR, user);
            assertThat(window).as(user).doesNotContain(DETAILS).contains("\"private\":2");
        }
    }

    /**
     * A stored occurrence (here a backfill run) counts by its rule's privacy now, not as its copy was written: under
     * job_types.private while the rule is private, under its type once the rule is public again, and private again at once
     * when it is made so; in whole slots, in a slot the window's start cuts, across calendars, and filtered by type.
     */
    @Test
    void theWindowCountsAStoredOccurrenceByItsRulesPrivacyNow() {
        FeedFixture feed = givenAPrivateItemAndRuleOfAlices();
        OccurrenceMaterialized missed = RecurringRules.materialised(PRIVATE_RULE, 0, Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z")).get(0);
        OccurrenceMaterialized run = RecurringRules.backfillRun(missed, Instant.parse("2026-12-01T13:10:00Z"));
        feed.given(new ReceivedEvent(FeedFixture.by("rule-expander", run, 0), run));
        String day = "/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z";
        String cut = "/api/v1/schedules/window?from=2026-12-01T13:05:00Z&till=2026-12-01T14:00:00Z&granularity=hour";
        List<String> windows = List.of(day + "&queue=" + CALENDAR, day, cut + "&queue=" + CALENDAR, cut);

        // The item, the rule's occurrence at 10:00 and its run at 13:10.
        for (String window : windows.subList(0, 2)) {
            assertThat(read(window, "vic")).as(window).doesNotContain(RULE_TYPE).contains("\"private\":3");
        }
        for (String window : windows.subList(2, 4)) {
            assertThat(read(window, "vic")).as(window).doesNotContain(RULE_TYPE).contains("\"private\":1");
        }
        assertThat(read(day + "&type=" + RULE_TYPE, "vic")).contains("\"total_jobs\":0");
        assertThat(read(day + "&type=private", "vic")).contains("\"total_jobs\":3");

        feed.given(new ReceivedEvent(FeedFixture.by("alice", privateOrNot(false), 1), privateOrNot(false)));
        for (String window : windows.subList(0, 2)) {
            assertThat(read(window, "vic")).as(window).contains("\"" + RULE_TYPE + "\":2").contains("\"private\":1");
        }
        for (String window : windows.subList(2, 4)) {
            assertThat(read(window, "vic")).as(window).contains("\"" + RULE_TYPE + "\":1").doesNotContain("\"private\"");
        }
        assertThat(read(day + "&type=" + RULE_TYPE, "vic")).contains("\"total_jobs\":2");

        feed.given(new ReceivedEvent(FeedFixture.by("alice", privateOrNot(true), 2), privateOrNot(true)));
        for (String window : windows.subList(0, 2)) {
            assertThat(read(window, "vic")).as(window).doesNotContain(RULE_TYPE).contains("\"private\":3");
        }
    }

    private static RuleUpdated privateOrNot(boolean keptPrivate) {
        return new RuleUpdated(PRIVATE_RULE.ruleId(), Instant.parse("2026-12-01T12:00:00Z"), RULE_NAME, PRIVATE_RULE.cron(), null, null,
                PRIVATE_RULE.timezone(), PRIVATE_RULE.calendarId(), PRIVATE_RULE.durationSeconds(), PRIVATE_RULE.dstPolicy(),
                PRIVATE_RULE.jobTemplate(), PRIVATE_RULE.options(),
                new RuleMetadata(RULE_OWNER, RULE_DESCRIPTION, List.of(RULE_TAG), keptPrivate));
    }

    /**
     * The window across calendars counts a free/busy grantee's calendar in, every entry by no type of its own: they learn when
     * it is busy, not with what. A filter by tag or priority matches nothing there.
     */
    @Test
    void theWindowAcrossCalendarsCountsAFreeBusyCalendarAsBusy() {
        givenAPrivateItemAndRuleOfAlices();
        String window = "/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z";

        String fays = read(window, "fay");
        assertThat(fays).doesNotContain(DETAILS).doesNotContain("meeting").contains("\"private\":3").contains("\"total_jobs\":3");
        assertThat(read(window, "vic")).contains("\"meeting\":1").contains("\"private\":2");
        assertThat(read(window + "&tag=" + TAG, "fay")).contains("\"total_jobs\":0");
        assertThat(read(window + "&type=private", "fay")).contains("\"total_jobs\":3");
    }

    private String read(String uri, String user) {
        var answer = client.get().uri(uri).header("X-Almanac-User", user).exchange().expectBody(String.class).returnResult();
        assertThat(answer.getStatus().value()).as("%s as %s", uri, user).isEqualTo(200);
        return Objects.requireNonNullElse(answer.getResponseBody(), "");
    }
}
