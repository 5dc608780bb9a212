package dev.almanac.platform.identity;

import dev.almanac.events.UserId;

/**
 * The user a request acts as, and whether they are an admin (SCH-ROLES' admin: manager of every
 * calendar). Calendar roles are not here: they belong to each calendar ({@code CalendarAccess}).
 */
public record Caller(UserId id, boolean admin) {

    /** The wire form, as events record the actor. */
    public String actor() {
        return id.value();
    }
}
