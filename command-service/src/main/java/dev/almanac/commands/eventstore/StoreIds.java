package dev.almanac.commands.eventstore;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunId;
import dev.almanac.events.schedule.ItemId;

/**
 * The event store's aggregate identifiers: the entity's id behind its kind, so that every kind
 * of aggregate has its own namespace. Axon keys streams by identifier alone; without the kind,
 * an item {@code x} would collide with a calendar {@code x}. Published events carry the plain
 * entity id as their subject; only the store sees these.
 */
public final class StoreIds {

    private StoreIds() {
    }

    public static String calendar(CalendarId id) {
        return "calendar:" + id.value();
    }

    public static String item(ItemId id) {
        return "item:" + id.value();
    }

    public static String rule(RuleId id) {
        return "rule:" + id.value();
    }

    public static String run(RunId id) {
        return "run:" + id.value();
    }

    public static String changeRequest(ChangeRequestId id) {
        return "change-request:" + id.value();
    }

    public static String notificationPreferences(dev.almanac.events.UserId id) {
        return "notification-preferences:" + id.value();
    }

    public static String notificationPolicy(CalendarId id) {
        return "notification-policy:" + id.value();
    }

    public static String resource(ResourceId id) {
        return "resource:" + id.value();
    }

    public static String calendarSubscription(String subscriptionId) {
        return "calendar-subscription:" + subscriptionId;
    }
}
