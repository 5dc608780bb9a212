package dev.almanac.query.schedulelist;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.entry.EntryView;

/** One page of seed 003's list of scheduled items. */
@Schema(name = "ScheduleList")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleList(
        Instant from,
        Instant till,
        @Schema(description = "Items and rule occurrences starting in [from, till) that pass the filters, by start and then id; "
                + "local_start is on each entry's calendar's wall clock") List<EntryView> entries,
        @Schema(description = "Present when more entries follow: pass it as cursor, with the same from, till and filters")
        @Nullable String nextCursor) {
}
