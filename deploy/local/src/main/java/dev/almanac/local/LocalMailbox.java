package dev.almanac.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack's SMTP server (GreenMail), in the launcher's JVM: it accepts every message for every address, and the
 * gateway shows what it holds at {@value #PATH}, newest first, so that a newcomer sees the dispatcher's deliverer send
 * (ADR 0078). Kept in memory: a restarted stack starts with an empty mailbox.
 */
final class LocalMailbox implements AutoCloseable {

    static final String PATH = "/local/mailbox";
    private static final int SHOWN = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GreenMail server;
    private final int port;

    private LocalMailbox(GreenMail server, int port) {
        this.server = server;
        this.port = port;
    }

    static LocalMailbox start(String host, int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new LocalMailbox(server, port);
    }

    int port() {
        return port;
    }

    /** The last {@value #SHOWN} messages, newest first: from, to, subject, Message-ID, Almanac-Delivery and the plain text, decoded. */
    String json() {
        List<Map<String, Object>> shown = new ArrayList<>();
        List<MimeMessage> received = new ArrayList<>(Arrays.asList(server.getReceivedMessages()));
        for (int i = received.size() - 1; i >= 0 && shown.size() < SHOWN; i--) {
            shown.add(describe(received.get(i)));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("smtp", "127.0.0.1:" + port);
        page.put("received", received.size());
        page.put("messages", shown);
        return JSON.writeValueAsString(page);
    }

    private static Map<String, Object> describe(MimeMessage message) {
        Map<String, Object> described = new LinkedHashMap<>();
        try {
            described.put("message_id", message.getMessageID());
            described.put("delivery_id", message.getHeader("Almanac-Delivery", null));
            described.put("from", addresses(message.getFrom()));
            described.put("to", addresses(message.getAllRecipients()));
            described.put("subject", message.getSubject());
            described.put("received_at", message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant().toString());
            described.put("text", text(message.getContent()));
        } catch (MessagingException | java.io.IOException e) {
            described.put("unreadable", e.getMessage());
        }
        return described;
    }

    /** The first text part, decoded: the plain-text body of a multipart message, or the whole of a plain one. */
    private static String text(Object content) throws MessagingException, java.io.IOException {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = text(multipart.getBodyPart(i).getContent());
                if (!found.isEmpty()) {
                    return found;
                }
            }
            return "";
        }
        return content instanceof String text ? text : "";
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
