package dev.almanac.query.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.reactivestreams.Publisher;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gives every successful read under {@code /api/v1} that has no ETag of its own (lists, detailed
 * days, filtered windows; an unfiltered window carries a tag of its revisions, ADR 0035) a strong
 * ETag hashed from its body, and answers a matching
 * {@code If-None-Match} with 304 and no body. The answer is still computed: what this saves is
 * the transfer and the client's parsing, which for a year-long window or a month of a thousand
 * entries is most of a frontend's wait. Entities keep their version ETags, which WebFlux already
 * checks against {@code If-None-Match}.
 */
@Component
@Order(FilterOrders.BEFORE_CONSISTENCY)
public class ContentEtags implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET || !exchange.getRequest().getPath().value().startsWith("/api/v1/")) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().response(new Tagging(exchange)).build());
    }

    /** Holds the body back until it is whole, to hash it before the headers go out. */
    private static final class Tagging extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;

        Tagging(ServerWebExchange exchange) {
            super(exchange.getResponse());
            this.exchange = exchange;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            ServerHttpResponse response = getDelegate();
            if (response.getStatusCode() != null && response.getStatusCode() != HttpStatus.OK || response.getHeaders().getETag() != null) {
                return super.writeWith(body);
            }
            return DataBufferUtils.join(body).flatMap(whole -> {
                String etag = etag(whole);
                response.getHeaders().setETag(etag);
                if (exchange.getRequest().getHeaders().getIfNoneMatch().stream().anyMatch(tag -> tag.equals(etag) || tag.equals("*"))) {
                    DataBufferUtils.release(whole);
                    response.setStatusCode(HttpStatus.NOT_MODIFIED);
                    response.getHeaders().remove("Content-Length");
                    response.getHeaders().remove("Content-Type");
                    return response.setComplete();
                }
                return super.writeWith(Flux.just(whole));
            });
        }

        private static String etag(DataBuffer body) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
            try (DataBuffer.ByteBufferIterator buffers = body.readableByteBuffers()) {
                buffers.forEachRemaining(digest::update);
            }
            return '"' + HexFormat.of().formatHex(digest.digest(), 0, 16) + '"';
        }
    }
}
