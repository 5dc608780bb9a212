package dev.almanac.dispatch.deliver;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * E-mail over SMTP, a plain-text and an HTML part. The {@code Message-ID} is the delivery's id, so a delivery sent again
 * is the same message to a mail system that deduplicates, and to a person who compares.
 */
final class MailChannel implements Channel {

    private final JavaMailSenderImpl smtp;
    private final String from;

    MailChannel(JavaMailSenderImpl smtp, String from) {
        this.smtp = smtp;
        this.from = from;
    }

    @Override
    public void send(Delivery delivery) throws MessagingException {
        MimeMessage message = new IdentifiedMessage(smtp.getSession(), "<" + delivery.deliveryId() + "@almanac>");
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(java.util.Objects.requireNonNull(delivery.email()));
        helper.setSubject(MessageText.subject(delivery));
        helper.setText(MessageText.plain(delivery), MessageText.html(delivery));
        message.setHeader("Almanac-Delivery", delivery.deliveryId());
        smtp.send(message);
    }

    /** Keeps its own Message-ID: jakarta mail would make up a new one on each save. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
