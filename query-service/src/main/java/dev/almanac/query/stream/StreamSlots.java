package dev.almanac.query.stream;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The process's stream slots: at most {@code max-streams} streams open at once, counted on {@code almanac.stream.open}. */
final class StreamSlots {

    private final int maxStreams;
    private final AtomicInteger openStreams = new AtomicInteger();

    StreamSlots(int maxStreams, MeterRegistry meters) {
        this.maxStreams = maxStreams;
        Gauge.builder("almanac.stream.open", openStreams, AtomicInteger::get)
                .description("Server-sent event streams open on this process").register(meters);
    }

    /** One of the process's stream slots: given back by the first {@link #close()}, whichever path closes it, and never twice. */
    static final class Slot {
        private final AtomicInteger openStreams;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(AtomicInteger openStreams) {
            this.openStreams = openStreams;
        }

        void close() {
            if (open.compareAndSet(true, false)) {
                openStreams.decrementAndGet();
            }
        }
    }

    /** Takes one of the slots; empty when every slot is taken. */
    Optional<Slot> tryOpen() {
        boolean taken = openStreams.getAndUpdate(open -> open < maxStreams ? open + 1 : open) < maxStreams;
        return taken ? Optional.of(new Slot(openStreams)) : Optional.empty();
    }

    /** Whether a slot is free now, for an answer that opens no stream (a HEAD). */
    boolean hasRoom() {
        return openStreams.get() < maxStreams;
    }
}
