package dev.almanac.query.availability;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;

/** {@code POST /api/v1/resources/availability/check-multiple}; every field is checked by the controller, which reports them all at once. */
@Schema(name = "ResourceCheckMultipleRequest")
public record ResourceCheckMultipleRequest(
        @ArraySchema(schema = @Schema(description = "Resource id", pattern = Identifiers.PATTERN, example = "res-projector"),
                minItems = 1, maxItems = AvailabilityRequests.MAX_BATCH, uniqueItems = true,
                arraySchema = @Schema(description = "The resources to check, 1 to 50 distinct ids (SCH-033)",
                        requiredMode = Schema.RequiredMode.REQUIRED))
        @Nullable List<@Nullable String> resourceIds,
        @Schema(description = "Range start, inclusive: RFC 3339 with an offset", format = "date-time", example = "2026-12-01T00:00:00Z",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String from,
        @Schema(description = "Range end, exclusive, after from and at most 31 days later", format = "date-time",
                example = "2026-12-08T00:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String till,
        @Schema(description = "Time that must also be clear before from and after till, and around each free slot (SCH-032): "
                + "30m, 1h or ISO-8601 PT30M; 0m to 24h, default 15m", example = "15m")
        @Nullable String buffer,
        @Schema(description = "Also list each resource's free slots inside [from, till), on its own wall clock; default false")
        @Nullable Boolean includeSlots,
        @Schema(description = "Length of a free slot, 1m to 7 days; default: the increment. Only with include_slots", example = "1h")
        @Nullable String duration,
        @Schema(description = "Spacing of candidate starts, 5m to 24h, dividing a day evenly (SCH-034: default 30m). Only with "
                + "include_slots", example = "30m")
        @Nullable String increment) {
}
