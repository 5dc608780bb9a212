package dev.almanac.query.entry;

import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.fromWireOrNull;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.string;
import static dev.almanac.query.readmodel.MongoValues.strings;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.mongo.VersionedWrites;

/** One entry of a calendar: a one-off item or a materialised occurrence of a rule. */
@Schema(name = "CalendarEntry")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryView(
        @Schema(description = "Item id or occurrence id", example = "item-review") String id,
        EntryKind kind,
        @Schema(example = "cal-ballroom") String calendarId,
        @Schema(example = "Quarterly review") String title,
        @Schema(example = "meeting") String type,
        @Schema(description = "Start instant (UTC)", example = "2026-12-01T15:00:00Z") Instant start,
        @Schema(description = "End instant, exclusive (UTC)", example = "2026-12-01T16:00:00Z") Instant end,
        @Schema(type = "string", format = "date-time", description = "The start on the calendar's wall clock, with its offset",
                example = "2026-12-01T10:00:00-05:00")
        OffsetDateTime localStart,
        @Schema(type = "string", description = "IANA zone the entry was scheduled in", example = "America/New_York")
        ZoneId timezone,
        EntrySource source,
        @Schema(description = "The rule an occurrence comes from; absent for items", example = "rule-nightly")
        @Nullable String ruleId,
        @Schema(description = "Priority of a one-off item; absent for occurrences") @Nullable Priority priority,
        List<String> tags,
        @Schema(description = "How often the item has been moved") long rescheduleCount,
        @Schema(description = "Aggregate version of the item or occurrence") long version) {

    static EntryView of(Document document, ZoneId calendarZone) {
        Instant start = instant(document, Entries.START);
        String timezone = document.getString(Entries.TIMEZONE);
        return new EntryView(
                document.getString("_id"),
                fromWire(EntryKind.class, string(document, Entries.KIND)),
                string(document, Entries.CALENDAR_ID),
                string(document, Entries.TITLE),
                string(document, Entries.TYPE),
                start,
                instant(document, Entries.END),
                start.atZone(calendarZone).toOffsetDateTime(),
                timezone == null ? calendarZone : ZoneId.of(timezone),
                fromWire(EntrySource.class, string(document, Entries.SOURCE)),
                document.getString(Entries.RULE_ID),
                fromWireOrNull(Priority.class, document.getString(Entries.PRIORITY)),
                strings(document, Entries.TAGS),
                longValue(document, Entries.RESCHEDULE_COUNT),
                longValue(document, VersionedWrites.VERSION));
    }
}
