package dev.almanac.query.access;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.query.entry.BusyBlock;
import dev.almanac.query.entry.Entry;
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
 * An occurrence is private when its rule is now ({@link PrivateRules}), and its rule's creator sees it as an item's owner
 * does. A private rule itself is shown by the same rule, its creator in the owner's place.
 */
public final class EntryDisclosure {

    private static final EntryDisclosure IN_FULL = new EntryDisclosure(CallerRoles.admin(), PrivateRules.NONE);

    private final CallerRoles roles;
    private final PrivateRules rules;

    private EntryDisclosure(CallerRoles roles, PrivateRules rules) {
        this.roles = roles;
        this.rules = rules;
    }

    /** What a caller with {@code roles} is shown, occurrences by their own flag only. */
    public static EntryDisclosure of(CallerRoles roles) {
        return new EntryDisclosure(roles, PrivateRules.NONE);
    }

    /** What a caller with {@code roles} is shown, each occurrence private as its rule is in {@code rules}. */
    public static EntryDisclosure of(CallerRoles roles, PrivateRules rules) {
        return new EntryDisclosure(roles, rules);
    }

    /** What an admin, or a read without a caller, is shown: everything in full. */
    public static EntryDisclosure inFull() {
        return IN_FULL;
    }

    /** Whether this is what a caller who sees everything in full is shown, so that a read need look nothing up. */
    public boolean isInFull() {
        return this == IN_FULL;
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

    /**
     * Why an entry is a busy block to the caller, or null when it is shown in full: an item by its own flag and owner, an
     * occurrence by its own flag or its rule's, its rule's creator in the owner's place.
     */
    public @Nullable BusyBlock busyBlock(String calendarId, EntryKind kind, boolean privateEntry, @Nullable String owner,
                                         @Nullable String ruleId) {
        if (kind == EntryKind.OCCURRENCE && ruleId != null) {
            return busyBlock(calendarId, privateEntry || rules.isPrivate(ruleId), rules.creator(ruleId));
        }
        return busyBlock(calendarId, privateEntry, owner);
    }

    /** As {@link #busyBlock(String, EntryKind, boolean, String, String)}, for a copy of an entry on {@code calendarId}. */
    public @Nullable BusyBlock busyBlock(String calendarId, EntryCopy copy) {
        return busyBlock(calendarId, copy.kind(), copy.privateEntry(), copy.owner(), copy.ruleId());
    }

    /** As {@link #busyBlock(String, EntryKind, boolean, String, String)}, for an entry read by id. */
    public @Nullable BusyBlock busyBlock(Entry entry) {
        return busyBlock(entry.calendarId(), entry.kind(), entry.keptPrivate(), entry.details() == null ? null : entry.details().owner(),
                entry.ruleId());
    }

    /**
     * Why a rule on {@code queue} is shown to the caller as a busy block (its schedule and nothing that names what it runs), or
     * null when it is shown in full: a private rule is shown whole to its creator, as an item to its owner.
     */
    public @Nullable BusyBlock busyBlockOfRule(@Nullable String queue, boolean privateRule, @Nullable String creator) {
        return queue == null ? null : busyBlock(queue, privateRule, creator);
    }

    /** Whether the caller sees {@code copy}, on {@code calendarId}, whole: what a filter by its type, tags or priority may match. */
    public boolean showsWhole(String calendarId, EntryCopy copy) {
        return busyBlock(calendarId, copy) == null;
    }

    /** Whether the caller sees only when {@code calendarId} is busy, and so no counts by type either. */
    public boolean onlyBusy(String calendarId) {
        return roles.on(calendarId, null).map(role -> !role.readsDetails()).orElse(true);
    }

    /** {@code view}, the view of {@code copy}, as the caller is shown it: whole, or its busy block. */
    public EntryView shown(EntryCopy copy, EntryView view) {
        BusyBlock why = busyBlock(view.calendarId(), copy);
        return why == null ? view : view.asBusyBlock(why);
    }
}
