package dev.almanac.query.availability;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;

/** {@code POST /api/v1/calendars/availability/check-multiple}; every field is checked by the controller, which reports them all at once. */
@Schema(name = "CheckMultipleRequest")
public record CheckMultipleRequest(
        @ArraySchema(schema = @Schema(description = "Calendar id", pattern = Identifiers.PATTERN, example = "cal-ballroom"),
                minItems = 1, maxItems = AvailabilityRequests.MAX_BATCH, uniqueItems = true,
                arraySchema = @Schema(description = "The calendars to check, 1 to 50 distinct ids (SCH-033)",
                        requiredMode = Schema.RequiredMode.REQUIRED))
        @Nullable List<@Nullable String> calendarIds,
        @Schema(description = "Range start, inclusive: RFC 3339 with an offset", format = "date-time", example = "2026-12-01T15:00:00Z",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String from,
        @Schema(description = "Range end, exclusive, after from and at most 31 days later", format = "date-time",
                example = "2026-12-01T16:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String till,
        @Schema(description = "Time that must also be clear before from and after till (SCH-032): 30m, 1h or ISO-8601 PT30M; "
                + "0m to 24h, default 15m", example = "15m")
        @Nullable String buffer) {
}
