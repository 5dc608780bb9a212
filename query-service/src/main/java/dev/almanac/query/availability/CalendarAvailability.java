package dev.almanac.query.availability;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** One calendar's answer in a batch check. */
@Schema(name = "CalendarAvailability")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalendarAvailability(
        @Schema(example = "cal-ballroom") String calendarId,
        AvailabilityStatus status,
        @Schema(description = "Whether the calendar is below capacity at every instant of [checked_from, checked_till); "
                + "absent for an unknown calendar") @Nullable Boolean available,
        @Schema(description = "Merged intervals inside [checked_from, checked_till) during which the calendar is at capacity; "
                + "empty when available or unknown") List<BusyInterval> busy) {
}
