package dev.almanac.executor.call;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.rule.HttpTarget;
import dev.almanac.executor.settings.ExecutorSettings;
import dev.almanac.executor.signing.WebhookSignature;

/**
 * Calls an http job's target for one due attempt: the target's method, headers and body (the dispatch itself when the
 * job names none), signed, with the delivery id (the dispatch's {@code ce_id}) so that a receiver can take a request
 * delivered twice once, and the occurrence and attempt it runs.
 */
public final class HttpCalls {

    public static final String DELIVERY = "Almanac-Delivery";
    public static final String OCCURRENCE = "Almanac-Occurrence";
    public static final String ATTEMPT = "Almanac-Attempt";
    private static final int MESSAGE_LENGTH = 300;

    private final HttpClient client;
    private final WebhookSignature signature;
    private final JsonMapper json;
    private final ExecutorSettings settings;
    private final Clock clock;

    public HttpCalls(HttpClient client, WebhookSignature signature, JsonMapper json, ExecutorSettings settings, Clock clock) {
        this.client = client;
        this.signature = signature;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    public CompletableFuture<CallOutcome> call(OccurrenceDue due, HttpTarget target, String deliveryId) {
        byte[] body = target.body() != null ? json.writeValueAsBytes(target.body()) : json.writeValueAsBytes(due);
        boolean sendsBody = !target.method().equals("GET") && !target.method().equals("DELETE");
        byte[] signed = sendsBody ? body : new byte[0];
        Duration timeout = settings.timeout(due.jobTemplate().timeoutSeconds());
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                .timeout(timeout)
                .method(target.method(), sendsBody ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody())
                .header(WebhookSignature.HEADER, signature.sign(signed, clock.instant()))
                .header(DELIVERY, deliveryId)
                .header(OCCURRENCE, due.occurrenceId().value())
                .header(ATTEMPT, Integer.toString(due.attempt()))
                .header("User-Agent", settings.name());
        if (sendsBody) {
            request.header("Content-Type", "application/json");
        }
        target.headers().forEach(request::header);
        long started = System.nanoTime();
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> outcome(response, failure, timeout, Duration.ofNanos(System.nanoTime() - started)));
    }

    private CallOutcome outcome(HttpResponse<byte[]> response, Throwable failure, Duration timeout, Duration took) {
        Instant now = clock.instant();
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof HttpTimeoutException) {
                return new CallOutcome(false, "no answer within " + timeout.toSeconds() + " s", now);
            }
            return new CallOutcome(false, shorten("could not call: " + cause), now);
        }
        String status = "HTTP " + response.statusCode() + " in " + took.toMillis() + " ms";
        if (response.statusCode() / 100 == 2) {
            return new CallOutcome(true, status, now);
        }
        String answer = new String(response.body(), StandardCharsets.UTF_8).strip();
        return new CallOutcome(false, shorten(answer.isEmpty() ? status : status + ": " + answer), now);
    }

    private static String shorten(String message) {
        return message.length() <= MESSAGE_LENGTH ? message : message.substring(0, MESSAGE_LENGTH - 1) + "…";
    }
}
