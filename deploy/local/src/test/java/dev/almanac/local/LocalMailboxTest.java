package dev.almanac.local;

import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import dev.almanac.embedded.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

class LocalMailboxTest {

    @Test
    void showsWhatTheSmtpServerReceivedNewestFirst() throws Exception {
        int port;
        try (FreePorts free = new FreePorts()) {
            port = free.orFree(0);
        }
        try (LocalMailbox mailbox = LocalMailbox.start("127.0.0.1", port)) {
            assertThat(mailbox.json()).contains("\"received\":0");
            send(port, "First");
            send(port, "Second");
            String shown = mailbox.json();
            assertThat(shown).contains("\"received\":2").contains("alice@example.com").contains("\"delivery_id\":\"d-Second\"");
            assertThat(shown.indexOf("Second")).isLessThan(shown.indexOf("First"));
        }
    }

    private static void send(int port, String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("almanac@localhost"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.com"));
        message.setSubject(subject);
        message.setText("Body of " + subject);
        message.setHeader("Almanac-Delivery", "d-" + subject);
        Transport.send(message);
    }
}
