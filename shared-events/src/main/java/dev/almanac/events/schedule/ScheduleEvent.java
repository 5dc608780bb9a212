package dev.almanac.events.schedule;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#SCHEDULE}, keyed by calendar id. The hierarchy is closed: a
 * consumer decides each type through {@link Handler}, and a new type added here fails to
 * compile in every consumer until it decides what to do with it.
 */
public sealed interface ScheduleEvent extends AlmanacEvent permits ItemScheduled, ItemRescheduled, ItemConfirmed,
        ItemCancelled, ItemRestored, ItemUnconfirmed, ItemLinked, ItemUnlinked, AttachmentAdded, AttachmentRemoved, ItemReminderSet,
        ItemReminderRemoved, ItemUpdated, ItemDeleted {

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    /** One method per event type of {@value Topics#SCHEDULE}. */
    interface Handler<R> {

        R on(ItemScheduled event, EventMetadata envelope);

        R on(ItemRescheduled event, EventMetadata envelope);

        R on(ItemConfirmed event, EventMetadata envelope);

        R on(ItemCancelled event, EventMetadata envelope);

        R on(ItemRestored event, EventMetadata envelope);

        R on(ItemUnconfirmed event, EventMetadata envelope);

        R on(ItemLinked event, EventMetadata envelope);

        R on(ItemUnlinked event, EventMetadata envelope);

        R on(AttachmentAdded event, EventMetadata envelope);

        R on(AttachmentRemoved event, EventMetadata envelope);

        R on(ItemReminderSet event, EventMetadata envelope);

        R on(ItemReminderRemoved event, EventMetadata envelope);

        R on(ItemUpdated event, EventMetadata envelope);

        R on(ItemDeleted event, EventMetadata envelope);
    }
}
