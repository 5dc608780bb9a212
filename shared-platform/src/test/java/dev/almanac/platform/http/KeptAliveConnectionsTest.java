package dev.almanac.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Every service's HTTP server, as {@link HttpAutoConfiguration} builds it, keeps reading a kept-alive
 * connection after it answered a request that arrived before the previous answer was finished. The gateway
 * reuses its pooled connections at once, so its next request often arrives so; with reactor-netty 1.3.7 the
 * connection then stopped reading (reactor-netty #4361) and the gateway answered 504 after 20 s.
 */
class KeptAliveConnectionsTest {

    private static final String SLOW = "GET /slow HTTP/1.1\r\nHost: almanac\r\n\r\n";
    private static final String FAST = "GET /fast HTTP/1.1\r\nHost: almanac\r\n\r\n";

    private DisposableServer server;

    @BeforeEach
    void start() {
        server = ProblemBodies.on(HttpServer.create().host("127.0.0.1").port(0))
                .route(routes -> routes
                        .get("/slow", (request, response) -> response.sendString(Mono.delay(Duration.ofMillis(50)).thenReturn("slow")))
                        .get("/fast", (request, response) -> response.sendString(Mono.just("fast"))))
                .bindNow();
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    @Test
    void aConnectionIsReadOnAfterARequestThatWaitedForThePreviousAnswer() throws IOException {
        for (int connection = 0; connection < 10; connection++) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                // The second request is queued behind the first, and answered the moment it is taken up.
                out.write((SLOW + FAST).getBytes(StandardCharsets.US_ASCII));
                assertThat(body(in)).isEqualTo("slow");
                assertThat(body(in)).isEqualTo("fast");

                out.write(FAST.getBytes(StandardCharsets.US_ASCII));
                assertThat(body(in)).as("the third request on connection %d", connection).isEqualTo("fast");
            }
        }
    }

    /** The body of the next answer, read by its Content-Length. */
    private static String body(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int read = in.read();
            if (read < 0) {
                throw new EOFException("the connection closed after " + head);
            }
            head.write(read);
        }
        int length = head.toString(StandardCharsets.US_ASCII).lines()
                .filter(line -> line.regionMatches(true, 0, "content-length:", 0, 15))
                .mapToInt(line -> Integer.parseInt(line.substring(15).trim()))
                .findFirst()
                .orElseThrow(() -> new IOException("no Content-Length in " + head));
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }
}
