package dev.almanac.platform.lifecycle;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends this JVM once the process that started it has ended, however it ended. A JVM of the local stack is of no use
 * once its launcher is gone, even killed, and left running it would keep its port and its memory, so that the next
 * start finds the port taken. The JVM's shutdown hooks run, so a service closes as it does on SIGTERM, but only for
 * {@link #SHUTDOWN_PATIENCE}: the launcher hosted the Kafka broker, so a service's Kafka clients would otherwise wait
 * out their own timeouts (30 s and more) on a broker that is gone.
 */
public final class ExitWithParent {

    /** How long the shutdown hooks may take before the JVM halts. */
    public static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ExitWithParent.class);

    private final Optional<ProcessHandle> parent;

    private ExitWithParent(Optional<ProcessHandle> parent) {
        this.parent = parent;
    }

    /** Watches this JVM's parent from now on; a JVM whose parent has already ended has none to watch. */
    public static ExitWithParent arm() {
        return arm(SHUTDOWN_PATIENCE);
    }

    static ExitWithParent arm(Duration shutdownPatience) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        parent.ifPresent(watched -> watched.onExit().thenRun(() -> {
            log.info("The process that started this one ({}) has ended; stopping", watched.pid());
            haltAfter(shutdownPatience);
            System.exit(0);
        }));
        return new ExitWithParent(parent);
    }

    /** A thread of its own, since a pool's threads may be the ones the shutdown waits on. */
    private static void haltAfter(Duration patience) {
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(patience.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            log.warn("Shutdown did not finish within {}; halting", patience);
            Runtime.getRuntime().halt(1);
        }, "exit-with-parent-deadline");
        deadline.setDaemon(true);
        deadline.start();
    }

    /** The process watched. */
    public Optional<ProcessHandle> parent() {
        return parent;
    }
}
