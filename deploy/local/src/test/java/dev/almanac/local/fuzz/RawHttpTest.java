package dev.almanac.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RawHttpTest {

    /**
     * A server that refuses a request from its head alone answers before the body has arrived and
     * closes the connection with the body unread; the client's write then fails, but the answer
     * came and must count as one.
     */
    @Test
    void anAnswerSentBeforeTheBodyWasReadCountsAsAnAnswer() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread refuser = new Thread(() -> {
                try (Socket connection = server.accept()) {
                    InputStream in = connection.getInputStream();
                    in.read(new byte[1024]);
                    connection.getOutputStream().write("""
                            HTTP/1.1 400 Bad Request\r
                            Content-Type: application/problem+json\r
                            Content-Length: 12\r
                            Connection: close\r
                            \r
                            {"status":4}""".getBytes(StandardCharsets.ISO_8859_1));
                    connection.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the assertion below tells
                }
            });
            refuser.setDaemon(true);
            refuser.start();

            RawHttp.Answer answer = RawHttp.send(server.getLocalPort(), "POST", "/demo/receiver",
                    Map.of("Content-Type", "application/json"), new byte[8 << 20]);
            refuser.join();

            assertThat(answer.dropped()).as(answer.failure()).isFalse();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).isEqualTo("{\"status\":4}");
        }
    }
}
