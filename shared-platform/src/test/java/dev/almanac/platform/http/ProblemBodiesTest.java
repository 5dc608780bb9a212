package dev.almanac.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class ProblemBodiesTest {

    @Test
    void aBareErrorToAMalformedTargetGetsAProblemNamingThePartAtFault() {
        FullHttpResponse answer = answer(HttpMethod.GET, "/api/v1/x?from=%zz", HttpResponseStatus.BAD_REQUEST);

        assertThat(answer.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(answer.content().toString(StandardCharsets.UTF_8))
                .contains("\"type\":\"https://almanac.dev/problems/validation\"")
                .contains("\"status\":400")
                .contains("\"field\":\"query\",\"rule\":\"percent_encoding\"");
        assertThat(answer.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(answer.content().readableBytes());
    }

    @Test
    void aBareTooLongAnswerGetsItsOwnType() {
        FullHttpResponse answer = answer(HttpMethod.GET, "/ok", HttpResponseStatus.REQUEST_URI_TOO_LONG);

        assertThat(answer.content().toString(StandardCharsets.UTF_8)).contains("https://almanac.dev/problems/uri-too-long");
    }

    @Test
    void answersWithABodyAndAnswersToHeadPassUnchanged() {
        EmbeddedChannel channel = new EmbeddedChannel(new ProblemBodies());
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.HEAD, "/x"));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND));
        FullHttpResponse head = channel.readOutbound();
        assertThat(head.content().readableBytes()).isZero();

        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x"));
        DefaultFullHttpResponse withBody = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
                Unpooled.copiedBuffer("{\"own\":1}", StandardCharsets.UTF_8));
        withBody.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
        channel.writeOutbound(withBody);
        FullHttpResponse passed = channel.readOutbound();
        assertThat(passed.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"own\":1}");
    }

    @Test
    void findsTheFaultInAPathOrAQuery() {
        assertThat(RequestSyntax.of("/api/v1/calendars/%zz")).isEqualTo(new RequestSyntax.Violation("path",
                "the path has '%' at position 18 that does not start two hexadecimal digits"));
        assertThat(RequestSyntax.of("/a/%ff%fe")).extracting(RequestSyntax.Violation::message).isEqualTo("the path does not decode to UTF-8");
        assertThat(RequestSyntax.of("/a?q=%C3%A9t%C3%A9+x&b=%2F")).isNull();
        assertThat(RequestSyntax.of("/a?q=%")).extracting(RequestSyntax.Violation::field).isEqualTo("query");
        assertThat(RequestSyntax.of("/api/v1/schedules/s-1;x=1/reschedule")).extracting(RequestSyntax.Violation::field,
                RequestSyntax.Violation::rule).containsExactly("path", RequestSyntax.MATRIX_RULE);
        assertThat(RequestSyntax.of("/a?q=x;y")).isNull();
    }

    private static FullHttpResponse answer(HttpMethod method, String target, HttpResponseStatus status) {
        EmbeddedChannel channel = new EmbeddedChannel(new ProblemBodies());
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status));
        return channel.readOutbound();
    }
}
