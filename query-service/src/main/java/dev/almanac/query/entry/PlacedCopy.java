package dev.almanac.query.entry;

import java.util.Objects;

import dev.almanac.query.readmodel.Versioned;

/** A copy of an entry with the calendar it is on, for read models that hold several calendars' entries together. */
public record PlacedCopy(String calendarId, EntryCopy copy) implements Versioned {

    public PlacedCopy {
        Objects.requireNonNull(calendarId, "a placed copy without its calendar");
    }

    @Override
    public long version() {
        return copy.version();
    }
}
