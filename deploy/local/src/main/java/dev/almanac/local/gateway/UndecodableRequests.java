package dev.almanac.local.gateway;

import java.util.ArrayDeque;
import java.util.Deque;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Counts the answers reactor-netty gives, before the gateway's handler runs, to requests it cannot accept: 400 for a
 * garbled request, 414 for a request line over 4096 bytes, 431 for headers over 8192. It sits right after the HTTP
 * codec, so it sees each request as decoded and each answer as written; answers go out in the order the requests came,
 * and reactor-netty marks a request it refuses as failed before it answers it. A body that fails to decode belongs
 * to a request the handler counts already. (reactor-netty's {@code REQUEST_DECODING_FAILED} event is no substitute:
 * it reports those bodies too, with the handled request, and by then nothing tells the two apart.)
 */
final class UndecodableRequests extends ChannelDuplexHandler {

    private static final String NAME = "almanac.gateway.undecodableRequests";

    private final GatewayMetrics metrics;
    /** The requests read and not answered yet, oldest first. */
    private final Deque<Arrival> unanswered = new ArrayDeque<>();

    private UndecodableRequests(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** Installs the handler on every connection of {@code server}. */
    static HttpServer on(HttpServer server, GatewayMetrics metrics) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new UndecodableRequests(metrics));
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
        if (message instanceof HttpRequest request) {
            unanswered.add(new Arrival(request, System.nanoTime()));
        }
        super.channelRead(context, message);
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
        if (message instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            Arrival answered = unanswered.poll();
            if (answered != null && answered.request().decoderResult().isFailure()) {
                metrics.requestUndecodable(response.status().code(), answered.nanos());
            }
        }
        super.write(context, message, promise);
    }

    private record Arrival(HttpRequest request, long nanos) {
    }
}
