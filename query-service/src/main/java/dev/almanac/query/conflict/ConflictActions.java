package dev.almanac.query.conflict;

import java.util.List;

import dev.almanac.query.access.CallerRoles;
import dev.almanac.query.action.Action;

/**
 * The lifecycle commands conflict-detector takes on a conflict in its status (SCH-LIFECYCLE, its
 * {@code ConflictTransitions}): a detected one is resolved, escalated or dismissed, an escalated one resolved or
 * dismissed, and a resolved, dismissed or cleared one takes none. Only from a caller who manages it, as
 * conflict-detector checks: an admin; for a resource's conflict, a manager of a calendar whose booking is in it; for an
 * orphaned link, a manager of the primary's or the follower's calendar; else a manager of the conflict's calendar.
 */
final class ConflictActions {

    private ConflictActions() {
    }

    /** {@code conflict} whole, as conflict-detector holds it, not as a caller who may not read all its calendars sees it. */
    static List<Action> of(ConflictView conflict, CallerRoles roles) {
        if (!managedBy(conflict, roles)) {
            return List.of();
        }
        String path = "/api/v1/conflicts/" + Action.segment(conflict.id());
        return switch (conflict.status()) {
            case DETECTED -> List.of(Action.post("resolve", path + "/resolve"), Action.post("escalate", path + "/escalate"),
                    Action.post("dismiss", path + "/dismiss"));
            case ESCALATED -> List.of(Action.post("resolve", path + "/resolve"), Action.post("dismiss", path + "/dismiss"));
            case RESOLVED, DISMISSED, CLEARED -> List.of();
        };
    }

    private static boolean managedBy(ConflictView conflict, CallerRoles roles) {
        if (conflict.resourceId() != null) {
            return roles.managesAny(conflict.bookings().stream().map(ConflictView.Booking::calendarId).toList());
        }
        ConflictView.Link link = conflict.link();
        if (link != null) {
            return roles.managesAny(List.of(link.primaryCalendarId(), link.followerCalendarId()));
        }
        return roles.managesAny(List.of(conflict.calendarId()));
    }
}
