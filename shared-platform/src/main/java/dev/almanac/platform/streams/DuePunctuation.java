package dev.almanac.platform.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.jspecify.annotations.Nullable;

/**
 * A task's wall-clock punctuation armed for the next instant its processor has something due, in place of a fixed short
 * tick (issue 75: nothing spins at rest). It fires at that instant, or after {@code longest} when that comes first or
 * nothing is due: a safety net, not the schedule. Firing, it runs {@code whenDue}, which arms it again for the next
 * instant; left unarmed, it fires again after {@code longest}.
 *
 * <p>Armed for a later instant than the one it waits for, it keeps the earlier one: it then fires early once and is
 * armed again, rather than leave a cancelled punctuation in the task's queue for each record of a busy task. Instants
 * are read on the processor's clock, the one its due instants come from. Used on the task's thread only (init,
 * process, punctuations), like the context.
 */
public final class DuePunctuation {

    private final ProcessorContext<?, ?> context;
    private final Clock clock;
    private final Duration longest;
    private final Runnable whenDue;
    private @Nullable Cancellable armed;
    private long armedAt = Long.MAX_VALUE;

    public DuePunctuation(ProcessorContext<?, ?> context, Clock clock, Duration longest, Runnable whenDue) {
        if (longest.toMillis() < 1) {
            throw new IllegalArgumentException("the longest wait must be at least 1 ms, got " + longest);
        }
        this.context = context;
        this.clock = clock;
        this.longest = longest;
        this.whenDue = whenDue;
    }

    /** Fires at {@code due} (at once when it has passed), or after the longest wait when that comes first or {@code due} is null. */
    public void armFor(@Nullable Instant due) {
        long now = clock.millis();
        long at = now + longest.toMillis();
        if (due != null && due.toEpochMilli() < at) {
            at = due.toEpochMilli();
        }
        if (armed != null && armedAt <= at) {
            return;
        }
        if (armed != null) {
            armed.cancel();
        }
        armedAt = at;
        armed = context.schedule(Duration.ofMillis(Math.max(1, at - now)), PunctuationType.WALL_CLOCK_TIME, timestamp -> fire());
    }

    /** The instant it fires at; null before it is first armed. */
    public @Nullable Instant armedAt() {
        return armed == null ? null : Instant.ofEpochMilli(armedAt);
    }

    private void fire() {
        if (armed != null) {
            // A punctuation repeats at its interval until cancelled: this one has done its work.
            armed.cancel();
            armed = null;
            armedAt = Long.MAX_VALUE;
        }
        whenDue.run();
        if (armed == null) {
            armFor(null);
        }
    }
}
