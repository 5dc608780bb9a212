package dev.almanac.local.gateway;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The gateway's own problem documents, typed as the services type theirs (docs/problems.md).
 * Includes the answers the HTTP codec gives before any handler runs (a garbled request, a
 * request line or headers too long), which Netty sends with an empty body.
 */
final class GatewayProblems {

    static final String CONTENT_TYPE = "application/problem+json";
    private static final String BASE = "https://almanac.dev/problems/";

    private GatewayProblems() {
    }

    /** The problem type of a status, as the platform's {@code ProblemTypes.forStatus} names it. */
    static String type(int status) {
        return BASE + switch (status) {
            case 400 -> "validation";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "content-too-large";
            case 414 -> "uri-too-long";
            case 431 -> "headers-too-large";
            case 502, 503, 504 -> "unavailable";
            default -> status >= 400 && status < 500 ? "bad-request" : "internal";
        };
    }

    /** A problem document; {@code field} and {@code rule}, when given, become its one entry of {@code errors}. */
    static String json(HttpResponseStatus status, String title, String detail, String instance, String field, String rule) {
        StringBuilder json = new StringBuilder()
                .append("{\"type\":\"").append(type(status.code())).append('"')
                .append(",\"title\":\"").append(escape(title)).append('"')
                .append(",\"status\":").append(status.code())
                .append(",\"detail\":\"").append(escape(detail)).append('"');
        if (instance != null) {
            json.append(",\"instance\":\"").append(escape(instance)).append('"');
        }
        if (field != null) {
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

    /**
     * Gives Netty's bodiless answers to requests it could not decode a problem body. It sits
     * just after the HTTP codec, so it sees those answers as response objects; every answer the
     * gateway itself sends, or streams from a service, has a body or a content type already.
     */
    static final class DecodingFailures extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof FullHttpResponse response && response.status().code() >= 400
                    && response.content().readableBytes() == 0 && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
                byte[] body = json(response.status(), response.status().reasonPhrase(), detail(response.status().code()),
                        null, null, null).getBytes(StandardCharsets.UTF_8);
                FullHttpResponse withBody = response.replace(Unpooled.wrappedBuffer(body));
                withBody.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                response.release();
                context.write(withBody, promise);
                return;
            }
            context.write(message, promise);
        }

        private static String detail(int status) {
            return switch (status) {
                case 414 -> "the request line is longer than the gateway accepts (4096 bytes)";
                case 431 -> "the request's headers are larger than the gateway accepts (8192 bytes)";
                case 413 -> "the request is larger than the gateway accepts";
                default -> "the request is not valid HTTP/1.1";
            };
        }
    }
}
