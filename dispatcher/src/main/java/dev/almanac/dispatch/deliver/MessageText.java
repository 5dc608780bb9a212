package dev.almanac.dispatch.deliver;

import java.util.stream.Collectors;

import org.springframework.web.util.HtmlUtils;

import dev.almanac.events.notification.NotificationAction;
import dev.almanac.events.notification.NotificationLink;
import dev.almanac.events.notification.NotificationRaised;

/** A delivery as people read it: a subject, plain text and HTML, with each notification's links and actions as API paths. */
final class MessageText {

    private MessageText() {
    }

    static String subject(Delivery delivery) {
        NotificationRaised first = delivery.notifications().get(0);
        return delivery.isDigest()
                ? "[Almanac] " + delivery.notifications().size() + " notifications: " + first.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                : "[Almanac] " + first.title();
    }

    static String plain(Delivery delivery) {
        return delivery.notifications().stream().map(MessageText::plain).collect(Collectors.joining("\n\n---\n\n"));
    }

    private static String plain(NotificationRaised n) {
        StringBuilder text = new StringBuilder(n.title()).append("\n\n").append(n.summary()).append("\n\nCategory: ")
                .append(n.category().name().toLowerCase(java.util.Locale.ROOT)).append("\nSource: ").append(n.source().eventType());
        if (n.owner() != null) {
            text.append("\nOwner: ").append(n.owner());
        }
        for (NotificationLink link : n.links()) {
            text.append("\n").append(link.rel()).append(": ").append(link.href());
        }
        for (NotificationAction action : n.actions()) {
            text.append("\nAction ").append(action.name()).append(": ").append(action.method()).append(' ').append(action.path());
        }
        return text.toString();
    }

    static String html(Delivery delivery) {
        return "<html><body>" + delivery.notifications().stream().map(MessageText::html).collect(Collectors.joining("<hr>"))
                + "</body></html>";
    }

    private static String html(NotificationRaised n) {
        StringBuilder html = new StringBuilder("<h2>").append(HtmlUtils.htmlEscape(n.title())).append("</h2><p>")
                .append(HtmlUtils.htmlEscape(n.summary())).append("</p><ul>");
        for (NotificationLink link : n.links()) {
            html.append("<li>").append(HtmlUtils.htmlEscape(link.rel())).append(": <code>").append(HtmlUtils.htmlEscape(link.href()))
                    .append("</code></li>");
        }
        for (NotificationAction action : n.actions()) {
            html.append("<li>").append(HtmlUtils.htmlEscape(action.name())).append(": <code>").append(action.method()).append(' ')
                    .append(HtmlUtils.htmlEscape(action.path())).append("</code></li>");
        }
        return html.append("</ul>").toString();
    }
}
