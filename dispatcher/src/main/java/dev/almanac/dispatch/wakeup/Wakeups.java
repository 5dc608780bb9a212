package dev.almanac.dispatch.wakeup;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a dispatch task when its next occurrence falls due, and not before: a timer per partition, armed for the
 * instant the task names, sends a tick, an empty record on the task's partition of {@value #TOPIC}, once the clock
 * has reached it. The task's consumer is waiting in a fetch, which the broker answers as soon as the tick is
 * written, so the task runs within milliseconds of the instant; at rest the timer thread sleeps until the next
 * instant, and nothing polls on a short timer.
 *
 * <p>The tick goes through Kafka rather than being a call into the task because Kafka Streams hands a task its
 * records on its own thread and in the order of their timestamps: a tick is handled after every rule event that was
 * published before it, so a dispatch never goes ahead of a change to its rule that Kafka already holds. A tick that
 * is lost (the broker did not take it) is sent again when the task finds, a grace after the instant, that it has not
 * moved past it. Ticks carry nothing but their timestamp; one handled twice changes nothing.
 */
public final class Wakeups implements AutoCloseable {

    public static final String TOPIC = "almanac-dispatcher.ticks";

    private static final Logger log = LoggerFactory.getLogger(Wakeups.class);

    private final Producer<byte[], byte[]> producer;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<Integer, Armed> armed = new HashMap<>();

    public Wakeups(Producer<byte[], byte[]> producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "dispatcher-wakeups");
            thread.setDaemon(true);
            return thread;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** Wakes the task of {@code partition} at {@code at}, in place of any instant armed before. */
    public synchronized void arm(int partition, Instant at) {
        Armed current = armed.get(partition);
        if (current != null && current.at().equals(at)) {
            return;
        }
        if (current != null) {
            current.future().cancel(false);
        }
        schedule(partition, at);
    }

    public synchronized void disarm(int partition) {
        Armed current = armed.remove(partition);
        if (current != null) {
            current.future().cancel(false);
        }
    }

    /** The instant armed for {@code partition}; null when none. */
    public synchronized @Nullable Instant armedAt(int partition) {
        Armed current = armed.get(partition);
        return current == null ? null : current.at();
    }

    private void schedule(int partition, Instant at) {
        long delay = Math.max(0, at.toEpochMilli() - clock.millis());
        ScheduledFuture<?> future = timer.schedule(() -> fire(partition, at), delay, TimeUnit.MILLISECONDS);
        armed.put(partition, new Armed(at, future));
    }

    private void fire(int partition, Instant at) {
        long now;
        synchronized (this) {
            Armed current = armed.get(partition);
            if (current == null || !current.at().equals(at)) {
                return;
            }
            now = clock.millis();
            if (now < at.toEpochMilli()) {
                // The timer's clock ran ahead of the wall clock: wait for the rest.
                schedule(partition, at);
                return;
            }
            armed.remove(partition);
        }
        // Outside the lock: a send may wait for the broker, and the task must be able to re-arm meanwhile.
        try {
            producer.send(new ProducerRecord<>(TOPIC, partition, now, null, at.toString().getBytes(StandardCharsets.UTF_8)),
                    (metadata, failure) -> {
                        if (failure != null) {
                            log.warn("A tick for partition {} was not sent; the task is woken again when it re-arms", partition, failure);
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("A tick for partition {} was not sent; the task is woken again when it re-arms", partition, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        producer.close();
    }

    private record Armed(Instant at, ScheduledFuture<?> future) {
    }
}
