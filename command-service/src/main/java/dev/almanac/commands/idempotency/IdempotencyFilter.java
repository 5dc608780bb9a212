package dev.almanac.commands.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.commands.web.Actors;
import dev.almanac.commands.web.NewIds;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.problem.ProblemTypes;

/**
 * {@code Idempotency-Key} on every POST command. The first request with a key runs, and its
 * response (status, body, and the headers in {@link StoredResponse#KEPT_HEADERS}) is kept before it
 * is sent; a repeat with the same key and the same request gets that response again, with
 * {@code Idempotent-Replayed: true}, and runs nothing. Keys are scoped per actor. The same key
 * with another request is 422 {@code idempotency_key_reuse}; a repeat while the first is still
 * running is 409 {@code in_progress} with {@code Retry-After: 1}. A response of 500 or more is not
 * kept: the key is freed, and a repeat runs the command again. See ADR 0016.
 */
@Component
class IdempotencyFilter implements WebFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    /** The largest body a command takes (Spring's in-memory limit, which every decoder applies). */
    private static final int MAX_BODY = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdempotencyKeys keys;
    private final Actors actors;

    IdempotencyFilter(IdempotencyKeys keys, Actors actors) {
        this.keys = keys;
        this.actors = actors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> values = request.getHeaders().get(HEADER);
        if (!HttpMethod.POST.equals(request.getMethod()) || !request.getPath().value().startsWith("/api/v1/") || values == null) {
            return chain.filter(exchange);
        }
        String malformed = values.size() > 1 ? "Idempotency-Key must be sent once, not " + values.size() + " times"
                : problemWith(values.get(0));
        if (malformed != null) {
            return problem(exchange, HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", "idempotency_key", malformed);
        }
        String key = values.get(0);
        String actor = actors.metadataOf(exchange).actor();
        return DataBufferUtils.join(request.getBody(), MAX_BODY)
                .map(IdempotencyFilter::bytesOf)
                .defaultIfEmpty(new byte[0])
                .onErrorResume(DataBufferLimitException.class, tooLarge -> problem(exchange, HttpStatus.CONTENT_TOO_LARGE,
                        ProblemTypes.CONTENT_TOO_LARGE, "Content too large", "size",
                        "the body is larger than " + MAX_BODY + " bytes").then(Mono.empty()))
                .flatMap(body -> Mono.fromCallable(() -> keys.claim(actor, key, fingerprint(request, body)))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(claim -> answer(claim, exchange, chain, actor, key, body)));
    }

    private Mono<Void> answer(Claim claim, ServerWebExchange exchange, WebFilterChain chain, String actor, String key, byte[] body) {
        if (claim instanceof Claim.Claimed claimed) {
            return run(exchange, chain, actor, key, claimed, body);
        }
        if (claim instanceof Claim.Completed completed) {
            return replay(exchange, completed.response());
        }
        if (claim instanceof Claim.InProgress) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return problem(exchange, HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", "in_progress",
                    "a request with this Idempotency-Key is still running; repeat it after it has been answered");
        }
        return problem(exchange, HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.UNPROCESSABLE, "Request cannot be applied",
                "idempotency_key_reuse", "this Idempotency-Key was used for a different request (another body, method or "
                        + "path); use a new key for a new request");
    }

    private Mono<Void> run(ServerWebExchange exchange, WebFilterChain chain, String actor, String key, Claim.Claimed claim,
                           byte[] body) {
        exchange.getAttributes().put(NewIds.IDEMPOTENCY_SCOPE, actor + "\n" + key);
        ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        Mono<Void> release = Mono.<Void>fromRunnable(() -> keys.release(actor, key, claim)).subscribeOn(Schedulers.boundedElastic());
        ServerHttpResponse response = new KeepingResponse(exchange.getResponse(), kept -> kept.status() >= 500 ? release
                : Mono.<Void>fromRunnable(() -> keys.complete(actor, key, claim, kept)).subscribeOn(Schedulers.boundedElastic()));
        return chain.filter(exchange.mutate().request(request).response(response).build())
                .onErrorResume(failure -> release.then(Mono.error(failure)));
    }

    private static Mono<Void> replay(ServerWebExchange exchange, StoredResponse stored) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        stored.headers().forEach((name, values) -> response.getHeaders().put(name, values));
        response.getHeaders().set(REPLAYED, "true");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(stored.body())));
    }

    /** Why a key is unusable, or null: 1 to 255 printable ASCII characters, not only spaces. */
    static @Nullable String problemWith(String key) {
        if (key.isBlank()) {
            return "Idempotency-Key must not be empty; send 1 to " + MAX_KEY_LENGTH + " printable ASCII characters, such as a UUID";
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return "Idempotency-Key must be at most " + MAX_KEY_LENGTH + " characters, this one has " + key.length();
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "Idempotency-Key must be printable ASCII without control characters, but was '"
                        + StrictInputModule.printable(key) + "'";
            }
        }
        return null;
    }

    /** What makes two requests the same: method, path and query, If-Match, and the body's bytes. */
    private static String fingerprint(ServerHttpRequest request, byte[] body) {
        return fingerprint(request.getMethod().name(), request.getURI().getRawPath(), request.getURI().getRawQuery(),
                request.getHeaders().getFirst(HttpHeaders.IF_MATCH), body);
    }

    static String fingerprint(String method, String rawPath, @Nullable String rawQuery, @Nullable String ifMatch, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery) + "\n"
                    + (ifMatch == null ? "" : ifMatch) + "\n").getBytes(StandardCharsets.UTF_8));
            sha256.update(body);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] bytesOf(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String type, String title, String rule,
                                      String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", URI.create(exchange.getRequest().getPath().value()).toString());
        problem.put("errors", List.of(Map.of("field", fieldOf(rule), "rule", rule, "message", detail)));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/problem+json");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json)));
    }

    /** A body too large names the body; every other problem here is about the key. */
    private static String fieldOf(String rule) {
        return "size".equals(rule) ? "body" : HEADER;
    }

    /** Keeps the response before it is sent, so that a repeat that arrives after the answer always finds it. */
    private static final class KeepingResponse extends ServerHttpResponseDecorator {

        private final Function<StoredResponse, Mono<Void>> keep;
        private final AtomicBoolean kept = new AtomicBoolean();

        KeepingResponse(ServerHttpResponse delegate, Function<StoredResponse, Mono<Void>> keep) {
            super(delegate);
            this.keep = keep;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(body).map(IdempotencyFilter::bytesOf).defaultIfEmpty(new byte[0])
                    .flatMap(bytes -> keep(bytes).then(Mono.defer(() -> super.writeWith(Mono.just(bufferFactory().wrap(bytes))))));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWith(Flux.from(body).concatMap(Flux::from));
        }

        @Override
        public Mono<Void> setComplete() {
            return keep(new byte[0]).then(Mono.defer(super::setComplete));
        }

        private Mono<Void> keep(byte[] body) {
            if (!kept.compareAndSet(false, true)) {
                return Mono.empty();
            }
            HttpStatusCode status = getStatusCode() == null ? HttpStatus.OK : getStatusCode();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : StoredResponse.KEPT_HEADERS) {
                List<String> values = getHeaders().get(name);
                if (values != null) {
                    headers.put(name, List.copyOf(values));
                }
            }
            return keep.apply(new StoredResponse(status.value(), headers, body));
        }
    }
}
