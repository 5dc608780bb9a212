package dev.almanac.platform.http;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import dev.almanac.platform.problem.ProblemTypes;

/**
 * Gives a problem document to the error answers that the HTTP server sends without a body,
 * before any web framework code runs: a request it cannot decode (a garbled request line, a
 * line or headers too long) and a target that is not a valid URI (a malformed percent-encoding),
 * which reactor-netty and Spring answer with a bare 400. It sits right after the HTTP codec, so
 * it sees those answers as response objects. Answers that already have a body or a content
 * type, and answers to HEAD, pass unchanged.
 */
public final class ProblemBodies extends ChannelDuplexHandler {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String NAME = "almanac.problemBodies";

    private @Nullable String target;
    private boolean head;

    /** Installs the handler on every connection of {@code server}. */
    public static HttpServer on(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new ProblemBodies());
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
        if (message instanceof HttpRequest request) {
            target = request.uri();
            head = HttpMethod.HEAD.equals(request.method());
        }
        super.channelRead(context, message);
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
        if (message instanceof FullHttpResponse response && !head && response.status().code() >= 400
                && response.content().readableBytes() == 0 && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            byte[] body = json(response.status()).getBytes(StandardCharsets.UTF_8);
            FullHttpResponse withBody = response.replace(Unpooled.wrappedBuffer(body));
            withBody.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ReferenceCountUtil.release(response);
            super.write(context, withBody, promise);
            return;
        }
        super.write(context, message, promise);
    }

    private String json(HttpResponseStatus status) {
        RequestSyntax.Violation violation = target == null ? null : RequestSyntax.of(target);
        if (violation != null) {
            return document(status, "Invalid request", violation.message(), violation.field(), violation.rule());
        }
        String detail = switch (status.code()) {
            case 413 -> "the request is larger than this server accepts";
            case 414 -> "the request line is longer than this server accepts (4096 bytes)";
            case 431 -> "the request's headers are larger than this server accepts (8192 bytes)";
            default -> "the request is not valid HTTP/1.1";
        };
        return document(status, status.reasonPhrase(), detail, "request", status.code() == 400 ? "http" : null);
    }

    /** A problem document; {@code field} and {@code rule}, when a rule is given, become its one entry of {@code errors}. */
    public static String document(HttpResponseStatus status, String title, String detail, @Nullable String field,
                                  @Nullable String rule) {
        StringBuilder json = new StringBuilder()
                .append("{\"type\":\"").append(ProblemTypes.forStatus(status.code())).append('"')
                .append(",\"title\":\"").append(escape(title)).append('"')
                .append(",\"status\":").append(status.code())
                .append(",\"detail\":\"").append(escape(detail)).append('"');
        if (field != null && rule != null) {
            json.append(",\"errors\":[{\"field\":\"").append(escape(field)).append("\",\"rule\":\"").append(escape(rule))
                    .append("\",\"message\":\"").append(escape(detail)).append("\"}]");
        }
        return json.append('}').toString();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append((char) c);
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF)) {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }
}
