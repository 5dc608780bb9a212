package dev.almanac.events.notification;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A user set how notifications reach them; the whole set each time, so the latest event is all a reader keeps.
 *
 * @param zone                the IANA zone of the user's wall clock, in which quiet hours are read
 * @param email               where e-mail goes; none, no e-mail
 * @param webhook             the user's webhook; none, no webhook
 * @param channels            the channels per category; a category not listed reaches the centre and every channel configured
 * @param quietHours          when nothing is sent by e-mail or webhook; none, at any time
 * @param digestWindowMinutes notifications of one kind arriving within this many minutes of the first go as one message; 0, each alone
 * @param suppress            the rules that keep notifications from e-mail and webhook
 */
public record NotificationPreferencesSet(
        UserId userId,
        String zone,
        @Nullable String email,
        @Nullable WebhookTarget webhook,
        List<ChannelChoice> channels,
        @Nullable QuietHours quietHours,
        int digestWindowMinutes,
        List<SuppressionRule> suppress) implements NotificationPreferencesEvent {

    public NotificationPreferencesSet {
        channels = List.copyOf(channels);
        suppress = List.copyOf(suppress);
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String subject() {
        return userId.value();
    }
}
