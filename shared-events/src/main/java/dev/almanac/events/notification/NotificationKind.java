package dev.almanac.events.notification;

/** The kind of fact a notification tells of. */
public enum NotificationKind {
    /** An executor reported a run failed ({@code RunFailed}). */
    RUN_FAILED,
    /** No final report of a dispatched attempt came in time ({@code RunTimedOut}). */
    RUN_TIMED_OUT,
    /** An occurrence was missed ({@code OccurrenceMissed}); it waits for approve and run, reschedule or delete. */
    RUN_MISSED,
    /** A conflict was detected ({@code ConflictDetected}), not an orphaned link. */
    CONFLICT_DETECTED,
    /** A conflict was escalated ({@code ConflictEscalated}), by hand or after 24 hours (SCH-015). */
    CONFLICT_ESCALATED,
    /** A linked pair's follower no longer moves with its primary ({@code ConflictDetected} of type orphaned_link). */
    ORPHANED_LINK,
    /** A change to a rule was proposed and awaits confirmation ({@code RuleChangeProposed}). */
    RULE_CHANGE_PROPOSED,
    /** An item was moved by someone who asked that its people be told ({@code ItemRescheduled} with {@code notify_participants}). */
    ITEM_RESCHEDULED,
    /** A reminder a user set on an item or a rule fell due ({@code ReminderDue}). */
    REMINDER
}
