package dev.almanac.query.opsfeed;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** One page of the ops calendar feed: the range answered and its events by scheduled_at_utc, then event_id. */
@Schema(name = "OpsCalendarEvents", description = "The ops calendar's events starting in [start, end), across calendars")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpsFeedPage(
        @Schema(description = "The range's start, inclusive (the default's when none was given)") Instant start,
        @Schema(description = "The range's end, exclusive") Instant end,
        @Schema(type = "string", example = "America/Chicago") ZoneId timezone,
        @Schema(description = "The view that chose the default range") OpsView view,
        @Schema(description = "This page's events, by scheduled_at_utc and then event_id") List<OpsEvent> events,
        @Schema(description = "Set when more events follow: pass it as cursor with the same parameters") @Nullable String nextCursor) {

    public OpsFeedPage {
        events = List.copyOf(events);
    }
}
