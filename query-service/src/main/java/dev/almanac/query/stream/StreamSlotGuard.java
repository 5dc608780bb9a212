package dev.almanac.query.stream;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.query.web.FilterOrders;

/**
 * Gives back the stream slot an exchange took once the exchange ends, however it ends. A stream's body
 * gives its slot back as it finishes; this covers an answer whose body is never subscribed to (the
 * response not written, the connection gone first), which would otherwise hold the slot until the
 * process restarts. {@link StreamSlots.Slot} is given back once, whichever comes first.
 */
@Component
@Order(FilterOrders.BEFORE_CONSISTENCY)
class StreamSlotGuard implements WebFilter {

    /** The exchange attribute that holds the slot a stream took. */
    static final String SLOT = StreamSlotGuard.class.getName() + ".slot";

    private static final String STREAM_PATH = "/api/v1/stream";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!STREAM_PATH.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).doFinally(signal -> {
            if (exchange.getAttributes().get(SLOT) instanceof StreamSlots.Slot slot) {
                slot.close();
            }
        });
    }
}
