package dev.almanac.commands.item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.web.PathIds;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.problem.ProblemException;

/**
 * The bulk reschedule of F033-BULK: {@code jobs}, each an item ({@code job_id}) and its new start
 * ({@code new_time}), moved all or nothing; {@code reason} is recorded on every move, and
 * {@code timezone} chooses how each {@code local_time} in the response reads (default: each
 * item's zone). {@code expected_version}, optional per job, refuses the batch when that item
 * has changed since the client read it, as If-Match does for one item.
 */
record BulkRescheduleRequest(
        @NotNull List<@NotNull @Valid Job> jobs,
        @Nullable @Size(max = 256) String reason,
        @Nullable String timezone) {

    /** The most moves one request may carry. */
    static final int MAX_BATCH = 100;

    record Job(@NotBlank String jobId, @NotNull Instant newTime, @Nullable @PositiveOrZero Long expectedVersion) {
    }

    /** The moves, after the rules that need the whole batch: its size, and each item named once. */
    RescheduleItems toCommand() {
        if (jobs.isEmpty()) {
            throw ProblemException.invalid("jobs", "min_batch", "jobs must name at least one item to move");
        }
        if (jobs.size() > MAX_BATCH) {
            throw ProblemException.invalid("jobs", "max_batch",
                    "a bulk reschedule moves at most " + MAX_BATCH + " items, this one asks for " + jobs.size());
        }
        Map<ItemId, Integer> seen = new HashMap<>();
        List<RescheduleItems.Move> moves = new ArrayList<>();
        for (int index = 0; index < jobs.size(); index++) {
            Job job = jobs.get(index);
            String field = "jobs[" + index + "].job_id";
            ItemId itemId = PathIds.parse(field, job.jobId(), ItemId::of);
            Integer first = seen.putIfAbsent(itemId, index);
            if (first != null) {
                throw ProblemException.invalid(field, "unique",
                        "job_id " + itemId + " is also jobs[" + first + "]; a batch moves each item once");
            }
            moves.add(new RescheduleItems.Move(index, itemId, job.newTime(), job.expectedVersion()));
        }
        return new RescheduleItems(moves, reason);
    }
}
