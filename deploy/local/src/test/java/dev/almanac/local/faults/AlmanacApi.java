package dev.almanac.local.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stack's API through its gateway, as the fault suite's load and checks call it: every answer kept, none thrown. */
final class AlmanacApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Longer than a healthy command takes by far; a command the gateway holds longer than this counts as unanswered. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String api;

    AlmanacApi(String gatewayUrl) {
        this.api = gatewayUrl + "/api/v1";
    }

    /**
     * An answer, or none: {@code status} is 0 when the request failed or timed out without one, so whether a command it
     * carried was applied is unknown.
     */
    record Answer(int status, String body, @Nullable String etag, long nanos) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        boolean unanswered() {
            return status == 0;
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** The version the answer acknowledges: its ETag ({@code "7"}), else its body's {@code version}. */
        OptionalLong version() {
            if (etag != null) {
                return OptionalLong.of(Long.parseLong(etag.replace("W/", "").replace("\"", "")));
            }
            JsonNode version = json().path("version");
            return version.isNumber() ? OptionalLong.of(version.asLong()) : OptionalLong.empty();
        }
    }

    Answer send(String method, String path, @Nullable Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(TIMEOUT);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(null),
                    System.nanoTime() - started);
        } catch (IOException noAnswer) {
            return new Answer(0, String.valueOf(noAnswer), null, System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", null, System.nanoTime() - started);
        }
    }

    /** A read that must succeed now; an {@link AssertionError} otherwise, so that Awaitility polls again. */
    JsonNode get(String path) {
        Answer answer = send("GET", path, null);
        if (answer.status() != 200) {
            throw new AssertionError("GET " + path + ": " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }
}
