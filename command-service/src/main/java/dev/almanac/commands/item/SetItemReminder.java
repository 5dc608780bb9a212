package dev.almanac.commands.item;

import java.time.ZoneId;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.schedule.ItemId;

/**
 * Reminds {@code userId} {@code minutesBefore} minutes before the item starts (seed 004, ADR 0079), shown in
 * {@code timezone} (the item's when null). The same reminder again changes nothing; another one under its id replaces it.
 */
public record SetItemReminder(
        ItemId itemId,
        ReminderId reminderId,
        UserId userId,
        int minutesBefore,
        @Nullable ZoneId timezone,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}
