package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * The exports hold a rule's occurrences, computed from the rule (ADR 0068), with the ids and instants
 * rule-expander gives them, so a subscribed client sees the same events before and after rule-expander's records arrive.
 */
@QueryApiTest
class CalendarExportRuleOccurrencesApiTest extends ReadModelApiTest {

    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final Instant ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FROM = Instant.parse("2026-11-30T00:00:00Z");
    private static final Instant TILL = Instant.parse("2026-11-30T06:00:00Z");
    private static final String EXPORT = "/api/v1/calendars/cal-a/export.ics?rules=instances&from=" + FROM + "&till=" + TILL;

    private final RuleCreated hourly = RecurringRules.rule("rule-hourly", "cal-a", "7 * * * *", KATHMANDU, ACTIVE_FROM, 900);

    @Test
    void exportsARulesOccurrencesAsRuleExpanderGivesThemAndTheSameDocumentOnceItsRecordsArrive() throws Exception {
        readModels.given(ReadModelFixture.calendar("cal-a", KATHMANDU), hourly);
        materialise(hourly, 0, ACTIVE_FROM, Instant.parse("2026-03-01T00:00:00Z"));

        String beyond = export();
        List<VEvent> events = ICalendarFeedTest.parse(beyond).getComponents(Component.VEVENT);
        List<Occurrence> expected = overlappingTheWindow();
        assertThat(expected).hasSizeBetween(5, 7);
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "UID"))
                .containsExactlyElementsOf(expected.stream().map(occurrence -> occurrence.id().value() + "@almanac").toList());
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "DTSTART"))
                .containsExactlyElementsOf(expected.stream().map(occurrence -> utc(occurrence.start())).toList());
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "X-ALMANAC-RULE-ID")).containsOnly("rule-hourly");

        materialise(hourly, 0, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(export()).as("the same document once materialised").isEqualTo(beyond);
    }

    @Test
    void exportsTheSameOccurrencesAsRowsOfTheCsv() {
        readModels.given(ReadModelFixture.calendar("cal-a", KATHMANDU), hourly);
        materialise(hourly, 0, ACTIVE_FROM, Instant.parse("2026-03-01T00:00:00Z"));
        List<Occurrence> expected = overlappingTheWindow();
        assertThat(expected).hasSizeBetween(5, 7);

        List<Map<String, String>> rows = CalendarCsvTest.parse(export(EXPORT.replace("export.ics", "export.csv")));

        assertThat(rows).extracting(row -> row.get("id"))
                .containsExactlyElementsOf(expected.stream().map(occurrence -> occurrence.id().value()).toList());
        assertThat(rows).extracting(row -> row.get("start"))
                .containsExactlyElementsOf(expected.stream().map(occurrence -> occurrence.start().toString()).toList());
        assertThat(rows).extracting(row -> row.get("kind")).containsOnly("occurrence");
        assertThat(rows).extracting(row -> row.get("rule_id")).containsOnly("rule-hourly");
    }

    @Test
    void exportsNothingOfARuleDuringItsPause() throws Exception {
        readModels.given(ReadModelFixture.calendar("cal-a", KATHMANDU), hourly);
        materialise(hourly, 0, ACTIVE_FROM, Instant.parse("2026-03-01T00:00:00Z"));
        readModels.given(new RulePaused(hourly.ruleId(), Instant.parse("2026-06-01T00:00:00Z"), null, "venue closed"));

        assertThat(ICalendarFeedTest.parse(export()).getComponents(Component.VEVENT)).isEmpty();
    }

    /** The rule's occurrences that overlap the window, jitter applied, by start. */
    private List<Occurrence> overlappingTheWindow() {
        return RecurrenceExpander.expand(RecurrenceSpec.of(hourly), FROM.minusSeconds(7200), TILL, 1000).occurrences().stream()
                .filter(occurrence -> occurrence.start().isBefore(TILL) && occurrence.end().isAfter(FROM))
                .toList();
    }


    private String export() {
        return export(EXPORT);
    }

    private String export(String uri) {
        return Objects.requireNonNull(client.get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static String utc(Instant instant) {
        return instant.toString().replace("-", "").replace(":", "");
    }
}
