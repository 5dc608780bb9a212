package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationResult;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EntryKind;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryView;
import dev.almanac.query.entry.RelationSummary;

class ICalendarFeedTest {

    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final Instant STAMP = Instant.parse("2026-11-25T00:00:00Z");
    private static final Instant NINE_UTC = Instant.parse("2026-12-01T09:00:00Z");
    private static final String LONG_TITLE = "Réunion trimestrielle — 日本語の議題 — ".repeat(6) + "; with, escapes \\ and\nа second line";

    private static EntryView entry(String id, EntryKind kind, @Nullable String title, @Nullable String type, Instant start,
                                   Duration length, List<String> tags, @Nullable String ruleId) {
        return new EntryCopy(id, kind, title, type, start, start.plus(length), "America/New_York", null, tags, ruleId, 0, 3,
                RelationSummary.NONE).view("cal-a", KATHMANDU);
    }

    private static final List<EntryView> ENTRIES = List.of(
            entry("item-review", EntryKind.ITEM, "Quarterly review", "meeting", NINE_UTC, Duration.ofHours(1),
                    List.of("finance", "meeting", "board"), null),
            entry("occ-nightly-1", EntryKind.OCCURRENCE, null, "maintenance_job", NINE_UTC.plus(Duration.ofHours(2)),
                    Duration.ofMinutes(15), List.of(), "rule-nightly"),
            entry("item-untyped", EntryKind.ITEM, "", null, NINE_UTC.plus(Duration.ofHours(3)), Duration.ZERO, List.of(), null),
            entry("item-long", EntryKind.ITEM, LONG_TITLE, "meeting", NINE_UTC.plus(Duration.ofDays(1)), Duration.ofMinutes(90),
                    List.of(), null));

    @Test
    void writesOneEventPerEntryAtItsUtcInstantsAndReadsBackEqual() throws Exception {
        Calendar calendar = parse(ICalendarFeed.render("Grand Ballroom, east wing", KATHMANDU, ENTRIES, STAMP));

        assertThat(value(calendar, "PRODID")).isEqualTo("-//Almanac//Almanac API v1//EN");
        assertThat(value(calendar, "VERSION")).isEqualTo("2.0");
        assertThat(value(calendar, "CALSCALE")).isEqualTo("GREGORIAN");
        assertThat(value(calendar, "METHOD")).isEqualTo("PUBLISH");
        assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("Grand Ballroom, east wing");
        assertThat(value(calendar, "X-WR-TIMEZONE")).isEqualTo("Asia/Kathmandu");

        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).extracting(event -> value(event, "UID"))
                .containsExactly("item-review@almanac", "occ-nightly-1@almanac", "item-untyped@almanac", "item-long@almanac");
        assertThat(events).extracting(event -> value(event, "DTSTAMP")).containsOnly("20261125T000000Z");
        assertThat(events).extracting(event -> value(event, "DTSTART"))
                .containsExactly("20261201T090000Z", "20261201T110000Z", "20261201T120000Z", "20261202T090000Z");
        // A zero-length entry has no DTEND: RFC 5545 ends it at its start.
        assertThat(events).extracting(event -> value(event, "DTEND"))
                .containsExactly("20261201T100000Z", "20261201T111500Z", null, "20261202T103000Z");
        // An entry without a title by its type, one without a type either by its id.
        assertThat(events).extracting(event -> value(event, "SUMMARY"))
                .containsExactly("Quarterly review", "maintenance_job", "item-untyped", LONG_TITLE);
        assertThat(events).extracting(event -> value(event, "CATEGORIES"))
                .containsExactly("meeting,finance,board", "maintenance_job", null, "meeting");
        assertThat(events).extracting(event -> value(event, "X-ALMANAC-RULE-ID")).containsExactly(null, "rule-nightly", null, null);
        assertThat(events).extracting(event -> value(event, "STATUS")).containsOnlyNulls();
    }

    @Test
    void endsEveryLineWithCrlfAndFoldsAtSeventyFiveOctetsWithinCharacters() {
        String document = ICalendarFeed.render("Grand Ballroom", KATHMANDU, ENTRIES, STAMP);

        assertThat(document).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(document.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        List<String> lines = List.of(document.split("\r\n"));
        assertThat(lines).allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        // The long summary is folded over several lines, each continuation starting with a space.
        int summary = lines.indexOf(lines.stream().filter(line -> line.startsWith("SUMMARY:Réunion")).findFirst().orElseThrow());
        assertThat(lines.get(summary + 1)).startsWith(" ");
        assertThat(lines.get(summary + 3)).startsWith(" ");
        // Folding never splits a character: every line is whole UTF-8 on its own.
        assertThat(lines).allSatisfy(line -> assertThat(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo(line).doesNotContain("\ufffd"));
    }

    @Test
    void foldsBeforeACharacterThatWouldOverrunTheLineRatherThanInsideIt() {
        // 8 + 64 octets, then a four-octet character that would make 76.
        String line = "SUMMARY:" + "x".repeat(64) + "🗓️ tomorrow";

        List<String> folded = List.of(ICalendarFeed.folded(line + "\r\n").split("\r\n"));

        assertThat(folded).containsExactly("SUMMARY:" + "x".repeat(64), " 🗓️ tomorrow");
    }

    /**
     * RFC 5545's rules as ical4j checks them. METHOD is left out of the check: iTIP's PUBLISH (RFC 5546)
     * asks for an ORGANIZER, a calendar address Almanac does not have, and subscribed feeds go without.
     */
    @Test
    void isAValidCalendarObject() throws Exception {
        Calendar parsed = parse(ICalendarFeed.render("Grand Ballroom", KATHMANDU, ENTRIES, STAMP));
        Calendar withoutMethod = new Calendar(parsed.getPropertyList().removeAll(Property.METHOD), parsed.getComponentList());

        ValidationResult result = withoutMethod.validate();

        assertThat(result.hasErrors()).as(result.toString()).isFalse();
    }

    @Test
    void anEmptyWindowIsACalendarWithoutEvents() throws Exception {
        Calendar calendar = parse(ICalendarFeed.render("Grand Ballroom", KATHMANDU, List.of(), STAMP));

        assertThat(calendar.getComponents(Component.VEVENT)).isEmpty();
        assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("Grand Ballroom");
    }

    static Calendar parse(String document) throws Exception {
        return new CalendarBuilder().build(new StringReader(document));
    }

    static @Nullable String value(Calendar calendar, String name) {
        return calendar.getProperty(name).map(Property::getValue).orElse(null);
    }

    static @Nullable String value(Component component, String name) {
        Optional<Property> property = component.getProperty(name);
        return property.map(Property::getValue).orElse(null);
    }
}
