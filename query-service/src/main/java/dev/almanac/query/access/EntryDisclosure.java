package dev.almanac.query.access;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.query.entry.BusyBlock;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryView;

/**
 * What one caller is shown of each entry (ADR 0096): in full, or as a busy block with its id, calendar, start and end and
 * nothing else. The one rule every read of entries applies, so that no two reads disagree:
 * <ul>
 *   <li>a caller who only sees when the calendar is busy (a {@code freebusy} grantee) gets a busy block of every entry;</li>
 *   <li>a private entry is shown in full to its owner (the user who scheduled the item), the calendar's managers (its staff
 *       owner and the users granted manager) and the admins; anyone else who reads the calendar gets its busy block.</li>
 * </ul>
 * An occurrence of a private rule has no owner here: its queue's managers and the admins see it in full.
 */
public final class EntryDisclosure {

    private static final EntryDisclosure IN_FULL = new EntryDisclosure(CallerRoles.admin());

    private final CallerRoles roles;

    private EntryDisclosure(CallerRoles roles) {
        this.roles = roles;
    }

    /** What a caller with {@code roles} is shown. */
    public static EntryDisclosure of(CallerRoles roles) {
        return new EntryDisclosure(roles);
    }

    /** What an admin, or a read without a caller, is shown: everything in full. */
    public static EntryDisclosure inFull() {
        return IN_FULL;
    }

    /** Why an entry on {@code calendarId} is a busy block to the caller, or null when it is shown in full. */
    public @Nullable BusyBlock busyBlock(String calendarId, boolean privateEntry, @Nullable String owner) {
        Optional<CalendarRole> role = roles.on(calendarId, null);
        if (role.isEmpty() || !role.get().readsDetails()) {
            return BusyBlock.BUSY;
        }
        if (privateEntry && role.get() != CalendarRole.MANAGER && !roles.isCaller(owner)) {
            return BusyBlock.PRIVATE;
        }
        return null;
    }

    /** Whether the caller sees only when {@code calendarId} is busy, and so no counts by type either. */
    public boolean onlyBusy(String calendarId) {
        return roles.on(calendarId, null).map(role -> !role.readsDetails()).orElse(true);
    }

    /** {@code view}, the view of {@code copy}, as the caller is shown it: whole, or its busy block. */
    public EntryView shown(EntryCopy copy, EntryView view) {
        BusyBlock why = busyBlock(view.calendarId(), copy.privateEntry(), copy.owner());
        return why == null ? view : view.asBusyBlock(why);
    }
}
