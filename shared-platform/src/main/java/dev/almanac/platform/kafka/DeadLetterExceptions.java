package dev.almanac.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Why a record was dead-lettered, as its DLT headers say it: the exception's class, its cause chain's classes and a
 * bounded message, never a stack trace (ADR 0086). A stack trace tells whoever reads a topic the code's structure and
 * versions, and may carry data from deep in a call; the log has it ({@link DeadLetterLog}). Every consumer writes these
 * headers alike, listeners ({@link DeadLetterRecoverer}) and stream processors ({@code DeadLetterRecords}), so
 * {@code dlt-replay} reads one shape.
 */
public final class DeadLetterExceptions {

    /** The cause chain's classes, outermost first, separated by {@code " <- "}. */
    public static final String CAUSES = "almanac_dlt-exception-causes";
    /** The most characters of the message header, the chain's messages together. */
    public static final int MAX_MESSAGE = 1_000;
    private static final int MAX_CAUSES = 8;

    private DeadLetterExceptions() {
    }

    /** Adds the standard exception headers ({@code kafka_dlt-exception-*}) of {@code failure}, and its cause chain, to {@code headers}. */
    public static void add(Headers headers, Throwable failure) {
        add(headers, failure, KafkaHeaders.DLT_EXCEPTION_FQCN, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    }

    /** As {@link #add(Headers, Throwable)}, under the given header names (a key's failure has names of its own). */
    static void add(Headers headers, Throwable failure, String classHeader, @Nullable String causeHeader, String messageHeader) {
        List<Throwable> chain = chainOf(failure);
        headers.add(classHeader, text(failure.getClass().getName()));
        Throwable root = chain.get(chain.size() - 1);
        if (root != failure && causeHeader != null) {
            headers.add(causeHeader, text(root.getClass().getName()));
        }
        String message = message(chain);
        if (!message.isEmpty()) {
            headers.add(messageHeader, text(message));
        }
        headers.add(CAUSES, text(String.join(" <- ", chain.stream().map(cause -> cause.getClass().getName()).toList())));
    }

    /** The messages of the chain that say something, each once, joined and cut at {@link #MAX_MESSAGE} characters. */
    static String message(List<Throwable> chain) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause : chain) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && messages.stream().noneMatch(seen -> seen.contains(message))) {
                messages.add(message);
            }
        }
        String joined = String.join("; caused by: ", messages);
        return joined.length() <= MAX_MESSAGE ? joined : joined.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static List<Throwable> chainOf(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && chain.size() < MAX_CAUSES && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
