package dev.almanac.commands.stuckwork;

/** A unit of work that failed after the watchdog interrupted it for running past its limit; nothing of it was stored. */
public final class StuckWorkInterruptedException extends RuntimeException {

    public StuckWorkInterruptedException(String message, Throwable failure) {
        super(message, failure);
    }
}
