package dev.almanac.query.resource;

import java.time.LocalDate;

import dev.almanac.query.readmodel.NewestWins;

/**
 * One resource's UTC day: a copy of the interval of every item that books the resource and
 * overlaps the day, by item id. Copies are {@link NewestWins newest-wins} by the item's version, so
 * placing and withdrawing them is idempotent and order-free, as in a calendar's day.
 */
public record ResourceDay(String resourceId, LocalDate day, NewestWins<Booking> bookings) {

    public static ResourceDay empty(String resourceId, LocalDate day) {
        return new ResourceDay(resourceId, day, NewestWins.none());
    }

    /** The document id, shaped as a calendar day's: resource ids never contain {@code /}, so it separates them from the day. */
    public static String id(String resourceId, LocalDate day) {
        return resourceId + '/' + day;
    }

    /** The empty day that the document {@code id} would hold. */
    public static ResourceDay emptyOf(String id) {
        int separator = id.lastIndexOf('/');
        return empty(id.substring(0, separator), LocalDate.parse(id.substring(separator + 1)));
    }

    public String id() {
        return id(resourceId, day);
    }

    public ResourceDay place(String itemId, Booking booking) {
        return new ResourceDay(resourceId, day, bookings.place(itemId, booking));
    }

    public ResourceDay withdraw(String itemId, long version) {
        return new ResourceDay(resourceId, day, bookings.withdraw(itemId, version));
    }
}
