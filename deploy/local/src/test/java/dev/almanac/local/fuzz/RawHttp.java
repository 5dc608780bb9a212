package dev.almanac.local.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so that the suite can send what well-behaved clients refuse to
 * (a malformed percent-encoding, bytes that are not UTF-8) and can tell a dropped connection
 * from an answer.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** What came back; {@code status} is 0 when the connection ended without a complete status line. */
    record Answer(int status, Map<String, String> headers, String body, String failure) {

        boolean dropped() {
            return status == 0;
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    static Answer send(int port, String method, String target, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            try {
                socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    socket.getOutputStream().write(body);
                }
                socket.getOutputStream().flush();
            } catch (IOException refusedEarly) {
                // A server may answer before it has read the body (a missing header, a body too large) and close
                // the connection while the body is still being sent (RFC 9112 section 9.6): like curl, read the answer anyway.
                Answer early = parse(readAll(socket.getInputStream()));
                return early.dropped() ? new Answer(0, Map.of(), "", refusedEarly + ", then " + early.failure()) : early;
            }
            return parse(readAll(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            return new Answer(0, Map.of(), "", "no answer within 30 s");
        } catch (IOException e) {
            return new Answer(0, Map.of(), "", e.toString());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                if (isEventStream(out)) {
                    break; // a server-sent event stream answered; it would run until the server ends it
                }
            }
        } catch (IOException reset) {
            // A reset after a complete answer still counts as an answer; parse decides.
        }
        return out.toByteArray();
    }

    /** Whether the head has come and announces text/event-stream: its status and headers are the answer. */
    private static boolean isEventStream(ByteArrayOutputStream received) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int endOfHead = text.indexOf("\r\n\r\n");
        return endOfHead >= 0 && text.substring(0, endOfHead).toLowerCase(Locale.ROOT).contains("\r\ncontent-type: text/event-stream");
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int endOfHead = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || endOfHead < 0) {
            return new Answer(0, Map.of(), text, text.isEmpty() ? "connection closed without an answer" : "not an HTTP answer");
        }
        String[] lines = text.substring(0, endOfHead).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String body = text.substring(endOfHead + 4);
        if (headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
            body = "";
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body, null);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            // Sizes count bytes; the bodies here are ASCII JSON or close enough for the assertions made on them.
            int start = lineEnd + 2;
            body.append(chunked, start, Math.min(chunked.length(), start + size));
            at = start + size + 2;
        }
        return body.toString();
    }
}
