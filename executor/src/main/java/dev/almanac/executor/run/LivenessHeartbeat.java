package dev.almanac.executor.run;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.almanac.executor.settings.HeartbeatSettings;

/**
 * The executor's own liveness as a heartbeat rule (ADR 0073): from start-up on, every {@code every}, a run of the rule
 * reported succeeded, so that the rule's beats go missed in the views once the executor stops. Does nothing when no
 * rule is configured. A report that fails is logged and the next one is sent on time: a beat is accounted for by any
 * report from one interval before it to its grace after it.
 */
public final class LivenessHeartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LivenessHeartbeat.class);

    private final RunReporter reporter;
    private final HeartbeatSettings settings;
    private final Clock clock;
    private @Nullable ScheduledExecutorService timer;

    public LivenessHeartbeat(RunReporter reporter, HeartbeatSettings settings, Clock clock) {
        this.reporter = reporter;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || timer != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "executor-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleAtFixedRate(this::beat, 0, settings.every().toMillis(), TimeUnit.MILLISECONDS);
        timer = started;
        log.info("Reporting the executor's liveness as heartbeat rule {} on calendar {} every {}", settings.rule(), settings.calendar(),
                settings.every());
    }

    /** Stops the reports, and waits for one under way, so that none is sent after this returns. */
    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("The executor's heartbeat did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    private void beat() {
        try {
            reporter.alive(settings.rule(), settings.calendar(), clock.instant()).whenComplete((sent, failure) -> {
                if (failure != null) {
                    log.warn("The executor's heartbeat of rule {} was not reported; the next one is due in {}", settings.rule(),
                            settings.every(), failure);
                }
            });
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: this one must keep beating.
            log.warn("The executor's heartbeat of rule {} was not reported; the next one is due in {}", settings.rule(), settings.every(), e);
        }
    }
}
