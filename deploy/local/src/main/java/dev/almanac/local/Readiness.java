package dev.almanac.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a service's readiness endpoint to answer 200. Two limits, because "ready" means "complete" (ADR 0014): a
 * service must answer at all within the start's limit, but once it answers "not ready" (its read models still reading
 * the topics, minutes at seed 000's scale) it is working, and is given the catch-up limit more.
 */
final class Readiness {

    /** How long a service that answers but is not ready yet may take: a rebuild of 3.65 million entries on two busy cores. */
    static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(Readiness.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private final String service;
    private final URI readiness;
    private final BooleanSupplier alive;
    private final Duration catchUpLimit;

    Readiness(String service, URI readiness, BooleanSupplier alive, Duration catchUpLimit) {
        this.service = service;
        this.readiness = readiness;
        this.alive = alive;
        this.catchUpLimit = catchUpLimit;
    }

    /** Why the wait ended without the service being ready. */
    enum Outcome { READY, EXITED, SILENT, STILL_CATCHING_UP }

    /** @param answerDeadline {@link System#nanoTime()} by which the service must have answered at all */
    Outcome await(long answerDeadline) {
        long deadline = answerDeadline;
        long answeredAt = 0;
        long nextProgress = 0;
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                return Outcome.EXITED;
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Outcome.READY;
                }
                long now = System.nanoTime();
                if (answeredAt == 0) {
                    answeredAt = now;
                    deadline = Math.max(deadline, now + catchUpLimit.toNanos());
                    nextProgress = now + PROGRESS_EVERY.toNanos();
                } else if (now >= nextProgress) {
                    log.info("{} is up and not ready yet ({} {}): it is reading the topics into its read models; waiting up to {} min",
                            service, response.statusCode(), response.body(), catchUpLimit.toMinutes());
                    nextProgress = now + PROGRESS_EVERY.toNanos();
                }
            } catch (IOException notYetListening) {
                // The port opens late in start-up; keep polling.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service, e);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service, e);
            }
        }
        return answeredAt == 0 ? Outcome.SILENT : Outcome.STILL_CATCHING_UP;
    }
}
