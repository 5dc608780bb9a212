package dev.almanac.dispatch.deliver;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.notification.ChannelChoice;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.notification.QuietHours;
import dev.almanac.events.notification.SuppressionRule;

/**
 * What a calendar's policy and a user's preferences make of one notification: suppressed by the calendar's policy or a
 * rule of the user's, or sent on each channel it should reach (e-mail, webhook), at once or once quiet hours end. The
 * centre lists every notification regardless; a user without preferences has no address, so only the centre.
 *
 * @param suppressedBy how the history names the policy or rule that suppressed it, when one did
 * @param channels     the channels to send on, when not suppressed
 * @param heldUntil    when quiet hours end, if they hold it now
 * @param quietPolicy  how the history names the quiet hours that hold it
 */
record DeliveryPlan(@Nullable String suppressedBy, List<DeliveryChannel> channels, @Nullable Instant heldUntil,
                    @Nullable String quietPolicy) {

    static DeliveryPlan of(@Nullable NotificationPreferencesSet preferences, @Nullable CalendarNotificationPolicySet calendarPolicy,
                           NotificationRaised notification, Instant now) {
        if (preferences == null) {
            return new DeliveryPlan(null, List.of(), null, null);
        }
        if (calendarPolicy != null && calendarPolicy.suppresses(notification.category())) {
            return new DeliveryPlan(calendarPolicy.describe(notification.category()), List.of(), null, null);
        }
        for (SuppressionRule rule : preferences.suppress()) {
            if (rule.category() == notification.category()
                    && (rule.calendarId() == null || rule.calendarId().equals(notification.calendarId()))) {
                return new DeliveryPlan(describe(rule), List.of(), null, null);
            }
        }
        List<DeliveryChannel> channels = new ArrayList<>();
        for (DeliveryChannel channel : chosen(preferences, notification)) {
            if (channel == DeliveryChannel.EMAIL && preferences.email() != null
                    || channel == DeliveryChannel.WEBHOOK && preferences.webhook() != null) {
                channels.add(channel);
            }
        }
        QuietHours quiet = preferences.quietHours();
        if (channels.isEmpty() || quiet == null) {
            return new DeliveryPlan(null, channels, null, null);
        }
        ZoneId zone = ZoneId.of(preferences.zone());
        Optional<Instant> until = QuietWindow.heldUntil(quiet, zone, now);
        return new DeliveryPlan(null, channels, until.orElse(null),
                until.isPresent() ? "quiet_hours " + quiet.start() + "-" + quiet.end() + " " + zone : null);
    }

    private static Set<DeliveryChannel> chosen(NotificationPreferencesSet preferences, NotificationRaised notification) {
        for (ChannelChoice choice : preferences.channels()) {
            if (choice.category() == notification.category()) {
                return choice.channels().isEmpty() ? EnumSet.noneOf(DeliveryChannel.class) : EnumSet.copyOf(choice.channels());
            }
        }
        return EnumSet.allOf(DeliveryChannel.class);
    }

    static String describe(SuppressionRule rule) {
        return rule.describe().toLowerCase(Locale.ROOT);
    }
}
