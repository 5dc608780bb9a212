package dev.almanac.commands.item;

import java.time.Duration;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.web.PathIds;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.platform.problem.ProblemException;

/**
 * {@code POST /api/v1/schedules/{id}/links}: makes {@code follower_id} follow the item in the path
 * (LNK-PAIR; its source pairs a CORE with a Supervisor). {@code offset} is how long after the primary's start the
 * follower starts, written like a duration ({@code 2h}, {@code 1h30m}) with a leading {@code -}
 * when the follower starts first; without it, the follower keeps its place and the offset is what it
 * is now.
 */
record LinkRequest(
        @Schema(description = "The item that will follow", example = "item-supervisor") @NotBlank String followerId,
        @Schema(description = "The follower's start minus the primary's, as 2h, 30m or 1h30m, negative with a leading -; at "
                + "most 30 days either way. Without it, the follower keeps its place", example = "2h")
        @Nullable @Pattern(regexp = LinkRequest.SIGNED_DURATION, message = "must be a duration such as 2h, 30m or -1h30m")
        String offset) {

    static final String SIGNED_DURATION = "^-?(?=\\d)(\\d{1,6}h)?(\\d{1,6}m)?(\\d{1,6}s)?$";
    /** The longest offset either way: the longest item (SCH-003). */
    static final Duration MAX_OFFSET = Duration.ofDays(30);

    ItemId follower() {
        return PathIds.parse("follower_id", followerId, ItemId::of);
    }

    @Nullable Duration offsetDuration() {
        if (offset == null) {
            return null;
        }
        boolean negative = offset.startsWith("-");
        // The @Pattern has already refused any other spelling.
        Duration length = ShortDurations.parse(negative ? offset.substring(1) : offset).orElseThrow();
        if (length.compareTo(MAX_OFFSET) > 0) {
            throw ProblemException.invalid("offset", "range", "an offset is at most 30 days (720h) either way, not " + offset);
        }
        return negative ? length.negated() : length;
    }
}
