package dev.almanac.platform.lifecycle;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends this JVM once the process that started it has ended, however it ended. A JVM of the local stack is of no use
 * once its launcher is gone, even killed, and left running it would keep its port and its memory, so that the next
 * start finds the port taken. The JVM's shutdown hooks run, so a service closes as it does on SIGTERM.
 */
public final class ExitWithParent {

    private static final Logger log = LoggerFactory.getLogger(ExitWithParent.class);

    private final Optional<ProcessHandle> parent;

    private ExitWithParent(Optional<ProcessHandle> parent) {
        this.parent = parent;
    }

    /** Watches this JVM's parent from now on; a JVM whose parent has already ended has none to watch. */
    public static ExitWithParent arm() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        parent.ifPresent(watched -> watched.onExit().thenRun(() -> {
            log.info("The process that started this one ({}) has ended; stopping", watched.pid());
            System.exit(0);
        }));
        return new ExitWithParent(parent);
    }

    /** The process watched. */
    public Optional<ProcessHandle> parent() {
        return parent;
    }
}
