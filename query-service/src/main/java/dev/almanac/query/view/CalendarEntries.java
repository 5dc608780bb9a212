package dev.almanac.query.view;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.entry.EntryView;

/** One page of a calendar's entries in a window. */
@Schema(name = "CalendarEntries")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalendarEntries(
        String calendarId,
        @Schema(type = "string", description = "The calendar's IANA zone, used for local_start", example = "America/New_York")
        ZoneId timezone,
        Instant from,
        Instant till,
        @Schema(description = "Entries overlapping [from, till), by start and then id") List<EntryView> entries,
        @Schema(description = "Present when more entries follow: pass it as cursor, with the same from and till")
        @Nullable String nextCursor) {
}
