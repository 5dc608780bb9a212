package dev.almanac.dispatch.deliver;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.notification.ChannelChoice;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.notification.QuietHours;
import dev.almanac.events.notification.SuppressionRule;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryPlanTest {

    private static final Instant NOON_UTC = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void lowIsSuppressedByCategoryAsSeed001AllowsAndOthersAreNot() {
        NotificationPreferencesSet set = preferences(List.of(new SuppressionRule(NotificationCategory.LOW, null)), List.of(), null, "x@example.com");
        assertThat(DeliveryPlan.of(set, null, raised(NotificationCategory.LOW), NOON_UTC).suppressedBy()).isNotNull();
        assertThat(DeliveryPlan.of(set, null, raised(NotificationCategory.CRITICAL), NOON_UTC).suppressedBy()).isNull();
    }

    @Test
    void aRuleOfOneCalendarSuppressesOnlyThatCalendarsNotifications() {
        NotificationPreferencesSet set = preferences(List.of(new SuppressionRule(NotificationCategory.CRITICAL, CalendarId.of("cal-elsewhere"))),
                List.of(), null, "x@example.com");
        assertThat(DeliveryPlan.of(set, null, raised(NotificationCategory.CRITICAL), NOON_UTC).suppressedBy()).isNull();
    }

    @Test
    void aCalendarsPolicySuppressesItsCategoriesForEveryoneAndNamesItselfBeforeTheUsersOwnRules() {
        NotificationRaised low = raised(NotificationCategory.LOW);
        CalendarNotificationPolicySet policy = new CalendarNotificationPolicySet(low.calendarId(), List.of(NotificationCategory.LOW), null);
        NotificationPreferencesSet wantsEverything = preferences(List.of(), List.of(), null, "x@example.com");
        NotificationPreferencesSet suppressesLowItself = preferences(List.of(new SuppressionRule(NotificationCategory.LOW, null)), List.of(), null,
                "x@example.com");

        assertThat(DeliveryPlan.of(wantsEverything, policy, low, NOON_UTC).suppressedBy())
                .isEqualTo("calendar policy: suppress category=low calendar=" + low.calendarId().value());
        assertThat(DeliveryPlan.of(suppressesLowItself, policy, low, NOON_UTC).suppressedBy()).startsWith("calendar policy:");
        assertThat(DeliveryPlan.of(wantsEverything, policy, raised(NotificationCategory.CRITICAL), NOON_UTC).channels())
                .containsExactlyInAnyOrder(DeliveryChannel.EMAIL, DeliveryChannel.WEBHOOK);
        CalendarNotificationPolicySet lifted = new CalendarNotificationPolicySet(low.calendarId(), List.of(), null);
        assertThat(DeliveryPlan.of(wantsEverything, lifted, low, NOON_UTC).suppressedBy()).isNull();
    }

    @Test
    void aChannelWithoutAnAddressIsNotPlannedAndTheCentreIsNeverSent() {
        NotificationPreferencesSet set = preferences(List.of(), List.of(), null, null);
        assertThat(DeliveryPlan.of(set, null, raised(NotificationCategory.CRITICAL), NOON_UTC).channels()).containsExactly(DeliveryChannel.WEBHOOK);
        NotificationPreferencesSet centreOnly = preferences(List.of(), List.of(new ChannelChoice(NotificationCategory.CRITICAL,
                List.of(DeliveryChannel.CENTRE))), null, "x@example.com");
        assertThat(DeliveryPlan.of(centreOnly, null, raised(NotificationCategory.CRITICAL), NOON_UTC).channels()).isEmpty();
    }

    @Test
    void quietHoursAreReadInTheUsersZoneNotUtc() {
        // Noon UTC is 17:30 in Kolkata: quiet hours 17:00-18:00 there hold it until 12:30Z.
        NotificationPreferencesSet set = new NotificationPreferencesSet(UserId.of("user-123"), "Asia/Kolkata", "x@example.com", null, List.of(),
                new QuietHours(LocalTime.of(17, 0), LocalTime.of(18, 0)), 0, List.of());
        DeliveryPlan plan = DeliveryPlan.of(set, null, raised(NotificationCategory.CRITICAL), NOON_UTC);
        assertThat(plan.heldUntil()).isEqualTo(Instant.parse("2026-12-02T12:30:00Z"));
        assertThat(plan.quietPolicy()).isEqualTo("quiet_hours 17:00-18:00 Asia/Kolkata");
    }

    @Test
    void withoutPreferencesNothingButTheCentre() {
        DeliveryPlan plan = DeliveryPlan.of(null, null, raised(NotificationCategory.CRITICAL), NOON_UTC);
        assertThat(plan.channels()).isEmpty();
        assertThat(plan.suppressedBy()).isNull();
    }

    private static NotificationPreferencesSet preferences(List<SuppressionRule> suppress, List<ChannelChoice> channels, QuietHours quiet,
                                                          String email) {
        return new NotificationPreferencesSet(UserId.of("user-123"), "Europe/Berlin", email, EventSamples.notificationPreferencesSet().webhook(),
                channels, quiet, 0, suppress);
    }

    private static NotificationRaised raised(NotificationCategory category) {
        NotificationRaised sample = EventSamples.notificationRaised();
        return new NotificationRaised(sample.notificationId(), sample.recipient(), sample.kind(), category, sample.title(), sample.summary(),
                sample.source(), sample.owner(), sample.calendarId(), sample.links(), sample.actions(), sample.occurredAt());
    }
}
