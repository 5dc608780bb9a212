package dev.almanac.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.conflict.ResolutionMethod;
import dev.almanac.events.dispatch.AttemptOutcome;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.dispatch.SkipReason;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.notification.ChannelChoice;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.DeliveryOutcome;
import dev.almanac.events.notification.NotificationAction;
import dev.almanac.events.subscription.CalendarSubscriptionIssued;
import dev.almanac.events.subscription.CalendarSubscriptionRevoked;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.QuietHours;
import dev.almanac.events.notification.SuppressionRule;
import dev.almanac.events.notification.WebhookFormat;
import dev.almanac.events.notification.WebhookTarget;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationId;
import dev.almanac.events.notification.NotificationKind;
import dev.almanac.events.notification.NotificationLink;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.notification.NotificationSource;
import dev.almanac.events.occurrence.MissedReason;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.OccurrencePreview;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.rule.SchedulePreview;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentId;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.LinkedChange;
import dev.almanac.events.schedule.OverbookingOverride;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;

/**
 * One sample of every event type, shared by the producers' and the consumers' tests: a
 * change to a contract that breaks a consumer breaks that consumer's test.
 */
public final class EventSamples {

    public static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    public static final ItemId REVIEW = ItemId.of("item-review");
    public static final ItemId GALA = ItemId.of("item-gala");
    public static final RuleId NIGHTLY = RuleId.of("rule-nightly");
    public static final RuleId WEEKLY = RuleId.of("rule-weekly");
    public static final ChangeRequestId MOVE_TO_TWO = ChangeRequestId.of("chg-weekly-move");
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    public static final RunId NIGHTLY_RUN = RunId.of("run-nightly-1");
    public static final ResourceId BALLROOM_VENUE = ResourceId.of("res-ballroom");
    public static final ResourceId PROJECTOR = ResourceId.of("res-projector");
    public static final String NIGHTLY_OCCURRENCE = "occ-nightly-20261201";
    public static final UserId ALICE = UserId.of("alice@example.com");

    private EventSamples() {
    }

    public static CalendarCreated calendarCreated() {
        return new CalendarCreated(BALLROOM, "Grand Ballroom", CalendarType.VENUE, NEW_YORK, 1, OverbookingPolicy.ALLOW);
    }

    /** The ballroom given an owner, room for two, blocking, and 90-minute items by default. */
    public static CalendarUpdated calendarUpdated() {
        return new CalendarUpdated(BALLROOM, "Grand Ballroom", CalendarType.VENUE, NEW_YORK, 2, OverbookingPolicy.BLOCK,
                "Ground floor, seats 300", new CalendarOwner("venue-main-hall", OwnerType.VENUE),
                new ItemDurations(900, 86_400, 5_400L));
    }

    /** Alice made a scheduler of the ballroom, which closes it to everyone without a grant: its version 3, after {@link #calendarDeactivated()}. */
    public static CalendarAccessGranted calendarAccessGranted() {
        return new CalendarAccessGranted(BALLROOM, ALICE, CalendarRole.SCHEDULER, "Runs the finance events");
    }

    /** Alice's grant withdrawn again: the ballroom's version 4. */
    public static CalendarAccessRevoked calendarAccessRevoked() {
        return new CalendarAccessRevoked(BALLROOM, ALICE, "Moved to another team");
    }

    public static CalendarDeactivated calendarDeactivated() {
        return new CalendarDeactivated(BALLROOM, "Closed for renovation");
    }

    /** The nightly rule's occurrence, started by its executor: the first attempt. */
    public static RunStarted runStarted() {
        return new RunStarted(NIGHTLY_RUN, BALLROOM, EntryKind.OCCURRENCE, NIGHTLY_OCCURRENCE, 1,
                Instant.parse("2026-12-01T07:00:02Z"), "worker-7");
    }

    public static RunSucceeded runSucceeded() {
        return new RunSucceeded(NIGHTLY_RUN, BALLROOM, EntryKind.OCCURRENCE, NIGHTLY_OCCURRENCE, 1,
                Instant.parse("2026-12-01T07:04:40Z"), "worker-7", "cleaned 1,204 rows");
    }

    /** The review's run: it failed without being reported started. */
    public static RunFailed runFailed() {
        return new RunFailed(RunId.of("run-review-1"), BALLROOM, EntryKind.ITEM, REVIEW.value(), 1,
                Instant.parse("2026-12-02T16:00:05Z"), null, "projector offline");
    }

    /** The projector, a resource items book besides their calendar. */
    public static ResourceCreated resourceCreated() {
        return new ResourceCreated(PROJECTOR, "Ceiling projector", ResourceType.EQUIPMENT, NEW_YORK, "4K, ballroom ceiling mount");
    }

    /** {@link #resourceCreated()}'s projector away for repair for three days: its version 1. */
    public static ResourceMarkedUnavailable resourceMarkedUnavailable() {
        return new ResourceMarkedUnavailable(PROJECTOR, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-04T00:00:00Z"),
                "Sent for repair");
    }

    /** The middle day of {@link #resourceMarkedUnavailable()} freed, which splits the repair in two: version 2. */
    public static ResourceMarkedAvailable resourceMarkedAvailable() {
        Instant start = Instant.parse("2026-12-02T00:00:00Z");
        Instant end = Instant.parse("2026-12-03T00:00:00Z");
        return new ResourceMarkedAvailable(PROJECTOR, start, end, List.of(new UnavailableRange(start, end, "Sent for repair")),
                "Loan unit for one day");
    }

    /** The review in the ballroom, booking the ballroom as a venue and the projector, scheduled through the API by its owner, user-123. */
    public static ItemScheduled itemScheduled() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("cost_center", "FIN-204");
        metadata.put("attendees", 12);
        return new ItemScheduled(REVIEW, BALLROOM, "Quarterly review", "meeting",
                Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T16:00:00Z"),
                NEW_YORK, Priority.NORMAL, List.of("finance"), null,
                List.of(new ResourceBooking(BALLROOM_VENUE, ResourceRole.PRIMARY), new ResourceBooking(PROJECTOR, ResourceRole.SECONDARY)),
                metadata, ItemSource.API, List.of(GALA), null, UserId.of("user-123"));
    }

    /** The review moved past the ballroom's capacity by a manager's override (SCH-021). */
    public static ItemRescheduled itemRescheduled() {
        return new ItemRescheduled(REVIEW, BALLROOM,
                Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T16:00:00Z"),
                Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"),
                "Avoiding maintenance window", new OverbookingOverride("Board members only; the room holds them", ALICE), null,
                List.of());
    }

    /** The review confirmed where {@link #itemRescheduled()} moved it. */
    public static ItemConfirmed itemConfirmed() {
        return new ItemConfirmed(REVIEW, BALLROOM, Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"));
    }

    /** The review taken off the calendar after {@link #itemConfirmed()}, releasing its place. */
    public static ItemCancelled itemCancelled() {
        return new ItemCancelled(REVIEW, BALLROOM, Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"),
                "Review moved to the offsite", null, List.of());
    }

    /** The cancellation of {@link #itemCancelled()} undone: the review is back where it was. */
    public static ItemRestored itemRestored() {
        return new ItemRestored(REVIEW, BALLROOM, "Quarterly review", Instant.parse("2026-12-02T15:00:00Z"),
                Instant.parse("2026-12-02T16:00:00Z"), "undo");
    }

    /** A confirmation undone where the item stands. */
    public static ItemUnconfirmed itemUnconfirmed() {
        return new ItemUnconfirmed(REVIEW, BALLROOM, Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"), "undo");
    }

    /**
     * The review, back where {@link #itemRestored()} put it, linked to follow the gala two hours later; the gala's
     * own {@code ItemLinked}, its version 4, was written in the same transaction.
     */
    public static ItemLinked itemLinked() {
        return new ItemLinked(REVIEW, BALLROOM, Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"),
                LinkRole.FOLLOWER, GALA, BALLROOM, 7_200, List.of(new LinkedChange(GALA, 4)));
    }

    /** The review's link to the gala ended after {@link #itemLinked()}. */
    public static ItemUnlinked itemUnlinked() {
        return new ItemUnlinked(REVIEW, BALLROOM, Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"),
                LinkRole.FOLLOWER, GALA, List.of(new LinkedChange(GALA, 5)));
    }

    /** The review's slides, kept in the client's own store. */
    public static AttachmentAdded attachmentAdded() {
        return new AttachmentAdded(REVIEW, BALLROOM, Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"),
                AttachmentId.of("att-slides"), "Q4 review slides.pdf", "application/pdf", 2_481_337, null,
                "reviews/2026/q4/slides.pdf");
    }

    /** The slides of {@link #attachmentAdded()} removed again. */
    public static AttachmentRemoved attachmentRemoved() {
        return new AttachmentRemoved(REVIEW, BALLROOM, Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"),
                AttachmentId.of("att-slides"));
    }

    /** The nightly rule, whose every occurrence books the ballroom venue (ADR 0029). */
    public static RuleCreated ruleCreated() {
        return new RuleCreated(NIGHTLY, "Nightly cleanup", "30 2 * * *", NEW_YORK, BALLROOM, 900,
                Instant.parse("2026-11-20T12:00:00Z"), DstPolicy.DEFAULT,
                new JobTemplate("maintenance_job", Map.of("action", "cleanup"), 5, 600),
                new RuleOptions(1, 0, RetryPolicy.EXPONENTIAL, false, 100),
                new RuleMetadata("platform-team", "Nightly system cleanup", List.of("ops")), null, null,
                List.of(new ResourceBooking(BALLROOM_VENUE, ResourceRole.PRIMARY)));
    }

    /** The nightly rule paused until spring, the day after {@link #ruleCreated()}: its version 1. */
    public static RulePaused rulePaused() {
        return new RulePaused(NIGHTLY, Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2027-03-20T00:00:00Z"),
                "Venue closed for renovation");
    }

    /** The nightly rule resumed early, after {@link #rulePaused()}: its version 2. */
    public static RuleResumed ruleResumed() {
        return new RuleResumed(NIGHTLY, Instant.parse("2026-12-01T09:00:00Z"));
    }

    /** The nightly rule deleted, after {@link #ruleResumed()}: its version 3. */
    /**
     * Another rule, {@code rule-weekly}, moved to the last Friday of each month at 10:00 and given 30
     * minutes: its version 1 (the nightly rule's samples are a history that ends in its deletion).
     */
    public static RuleUpdated ruleUpdated() {
        RuleCreated created = ruleCreated();
        return new RuleUpdated(WEEKLY, Instant.parse("2026-11-21T09:00:00Z"), "Month-end report", "", null,
                new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR", LocalDateTime.parse("2026-12-01T10:00:00"),
                        List.of(LocalDateTime.parse("2026-12-25T10:00:00")), List.of()),
                NEW_YORK, BALLROOM, 1800, created.dstPolicy(), created.jobTemplate(), created.options(), created.metadata(),
                List.of(new ResourceBooking(PROJECTOR, ResourceRole.SECONDARY)));
    }

    /** {@link #ruleUpdated()}'s rule disabled for the holidays: its version 2. */
    public static RuleDisabled ruleDisabled() {
        return new RuleDisabled(WEEKLY, Instant.parse("2026-12-20T09:00:00Z"), "Frozen over the holidays");
    }

    /** {@link #ruleUpdated()}'s rule enabled again: its version 3. */
    public static RuleEnabled ruleEnabled() {
        return new RuleEnabled(WEEKLY, Instant.parse("2027-01-04T09:00:00Z"));
    }

    /**
     * {@link #ruleUpdated()}'s January report, the last Friday at 10:00 New York, moved to the Thursday
     * afternoon: its version 4.
     */
    public static RuleOccurrenceMoved ruleOccurrenceMoved() {
        Instant lastFridayOfJanuary = Instant.parse("2027-01-29T15:00:00Z");
        return new RuleOccurrenceMoved(WEEKLY, OccurrenceId.of(WEEKLY, lastFridayOfJanuary), lastFridayOfJanuary,
                Instant.parse("2027-01-28T19:00:00Z"), Instant.parse("2027-01-05T09:00:00Z"), "Team offsite on Friday");
    }

    /** {@link #ruleUpdated()}'s February report cancelled: its version 5. */
    public static RuleOccurrenceCancelled ruleOccurrenceCancelled() {
        Instant lastFridayOfFebruary = Instant.parse("2027-02-26T15:00:00Z");
        return new RuleOccurrenceCancelled(WEEKLY, OccurrenceId.of(WEEKLY, lastFridayOfFebruary), lastFridayOfFebruary,
                Instant.parse("2027-01-06T09:00:00Z"), "Office closed");
    }

    /** {@link #ruleUpdated()}'s March report, missed, run again as a backfill on approval an hour later: its version 6. */
    public static RuleMissedRunDecided ruleMissedRunDecided() {
        Instant lastFridayOfMarch = Instant.parse("2027-03-26T14:00:00Z");
        OccurrenceId missed = OccurrenceId.of(WEEKLY, lastFridayOfMarch);
        Instant approvedAt = Instant.parse("2027-03-26T15:00:00Z");
        return new RuleMissedRunDecided(WEEKLY, missed, lastFridayOfMarch, lastFridayOfMarch, MissedRunAction.APPROVE_BACKFILL_RUN,
                approvedAt, OccurrenceId.backfillOf(missed, lastFridayOfMarch), approvedAt, "Report needed for the board");
    }

    /** {@link #ruleUpdated()}'s series ended at the April report, which {@code rule-month-end-v2} takes over: its version 7. */
    public static RuleEnded ruleEnded() {
        return new RuleEnded(WEEKLY, Instant.parse("2027-04-30T14:00:00Z"), Instant.parse("2027-04-01T09:00:00Z"),
                RuleId.of("rule-month-end-v2"));
    }

    /** {@link #ruleEnded()}'s rule asked to run at once on the morning of its last report: its version 8. */
    public static RuleRunRequested ruleRunRequested() {
        return new RuleRunRequested(WEEKLY, OccurrenceId.runNowOf(WEEKLY, 8), Instant.parse("2027-04-30T08:15:00Z"),
                "Numbers needed before the board meets");
    }

    /**
     * {@link #ruleEnabled()}'s rule (version 3) asked to "move to 14:00": its RRULE's DTSTART and
     * EXDATE move with it. The change request's version 0. (The change requests are a history of
     * the rule apart from the exceptions above, which also follow its version 3.)
     */
    public static RuleChangeProposed ruleChangeProposed() {
        Instant januaryBefore = Instant.parse("2027-01-29T15:00:00Z");
        Instant februaryBefore = Instant.parse("2027-02-26T15:00:00Z");
        Instant januaryAfter = Instant.parse("2027-01-29T19:00:00Z");
        Instant februaryAfter = Instant.parse("2027-02-26T19:00:00Z");
        return new RuleChangeProposed(MOVE_TO_TWO, WEEKLY, 3, Instant.parse("2027-01-05T15:00:00Z"),
                Instant.parse("2027-01-05T16:00:00Z"), "move to 14:00",
                RuleChange.rrule(new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR", LocalDateTime.parse("2026-12-01T14:00:00"),
                        List.of(LocalDateTime.parse("2026-12-25T14:00:00")), List.of()), null),
                null, "Run monthly on the last Friday at 14:00, from 2026-12-01T14:00, except 1 date instead of monthly on the last "
                        + "Friday at 10:00, from 2026-12-01T10:00, except 1 date",
                new SchedulePreview("monthly on the last Friday at 10:00, from 2026-12-01T10:00, except 1 date", NEW_YORK, List.of(
                        new OccurrencePreview(OccurrenceId.of(WEEKLY, januaryBefore), januaryBefore, januaryBefore.plusSeconds(1800),
                                DstResolution.EXACT),
                        new OccurrencePreview(OccurrenceId.of(WEEKLY, februaryBefore), februaryBefore, februaryBefore.plusSeconds(1800),
                                DstResolution.EXACT))),
                new SchedulePreview("monthly on the last Friday at 14:00, from 2026-12-01T14:00, except 1 date", NEW_YORK, List.of(
                        new OccurrencePreview(OccurrenceId.of(WEEKLY, januaryAfter), januaryAfter, januaryAfter.plusSeconds(1800),
                                DstResolution.EXACT),
                        new OccurrencePreview(OccurrenceId.of(WEEKLY, februaryAfter), februaryAfter, februaryAfter.plusSeconds(1800),
                                DstResolution.EXACT))),
                List.of());
    }

    /** {@link #ruleChangeProposed()} confirmed: the change request's version 1; the update it applied is the rule's version 4. */
    public static RuleChangeConfirmed ruleChangeConfirmed() {
        return new RuleChangeConfirmed(MOVE_TO_TWO, WEEKLY, Instant.parse("2027-01-05T15:10:00Z"), 4);
    }

    /** Another change request for the same rule, a pause, withdrawn: its version 1. */
    public static RuleChangeRejected ruleChangeRejected() {
        return new RuleChangeRejected(ChangeRequestId.of("chg-weekly-pause"), WEEKLY, Instant.parse("2027-01-05T15:20:00Z"),
                "Proposed by mistake");
    }

    public static RuleDeleted ruleDeleted() {
        return new RuleDeleted(NIGHTLY, Instant.parse("2026-12-15T09:00:00Z"));
    }

    public static OccurrenceMaterialized occurrenceMaterialized() {
        Instant start = Instant.parse("2027-03-14T07:30:00Z");
        return new OccurrenceMaterialized(OccurrenceId.of(NIGHTLY, start), NIGHTLY, 0, BALLROOM,
                "Nightly cleanup", "maintenance_job", start, start, start.plusSeconds(900), NEW_YORK,
                LocalDateTime.parse("2027-03-14T02:30:00"), DstPolicy.DEFAULT, DstResolution.GAP_SHIFTED, "2025b", null, null,
                ruleCreated().resources());
    }

    /** An approved backfill of {@link #occurrenceMaterialized()}, had it been missed: a run the rules topic does not determine. */
    public static OccurrenceMaterialized backfillRun() {
        OccurrenceMaterialized inSeries = occurrenceMaterialized();
        return new OccurrenceMaterialized(OccurrenceId.backfillOf(inSeries.occurrenceId(), inSeries.start()), inSeries.ruleId(), 0,
                inSeries.calendarId(), inSeries.title(), inSeries.type(), inSeries.resolvedAt(), inSeries.start(), inSeries.end(),
                inSeries.timezone(), inSeries.nominalLocalTime(), inSeries.dstPolicy(), inSeries.dstResolution(), inSeries.tzdataVersion(),
                null, inSeries.occurrenceId(), inSeries.resources());
    }

    /** {@link #occurrenceMaterialized()} withdrawn because {@link #rulePaused()} paused its rule (version 1). */
    public static OccurrenceRetracted occurrenceRetracted() {
        OccurrenceMaterialized occurrence = occurrenceMaterialized();
        return new OccurrenceRetracted(occurrence.occurrenceId(), NIGHTLY, 1, BALLROOM, occurrence.start(), occurrence.end(),
                RetractionReason.RULE_PAUSED);
    }

    /**
     * The nightly rule's occurrence of 2 December, after {@link #ruleResumed()} (rule version 2), with no
     * run reported five minutes after its start; the rule runs no catch-up.
     */
    public static OccurrenceMissed occurrenceMissed() {
        Instant start = Instant.parse("2026-12-02T07:30:00Z");
        return new OccurrenceMissed(OccurrenceId.of(NIGHTLY, start), NIGHTLY, 2, BALLROOM, start, start, start.plusSeconds(900),
                Instant.parse("2026-12-02T07:36:00Z"), null, MissedReason.NO_RUN_REPORT);
    }

    public static ConflictDetected conflictDetected() {
        return new ConflictDetected(ConflictId.of(Identifiers.derive("conflict", BALLROOM.value(), "item:item-gala", "item:item-review")),
                BALLROOM, ConflictType.VENUE_CONFLICT, ConflictLevel.CRITICAL,
                Instant.parse("2026-12-01T15:30:00Z"), Instant.parse("2026-12-01T16:00:00Z"), 1, 2,
                List.of(new ConflictingEntry(ConflictEntryKind.ITEM, GALA.value(), "Gala",
                                Instant.parse("2026-12-01T15:30:00Z"), Instant.parse("2026-12-01T18:00:00Z")),
                        new ConflictingEntry(ConflictEntryKind.ITEM, REVIEW.value(), "Quarterly review",
                                Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T16:00:00Z"))));
    }

    public static ConflictCleared conflictCleared() {
        return new ConflictCleared(conflictDetected().conflictId(), BALLROOM, "entries no longer overlap");
    }

    /** {@link #conflictDetected()}, detected again after {@link #conflictCleared()}, handed to the venue managers the next morning: version 2. */
    public static ConflictEscalated conflictEscalated() {
        return new ConflictEscalated(conflictDetected().conflictId(), BALLROOM, "venue-managers",
                "Both bookings are confirmed with clients", "planner@example.com", Instant.parse("2026-11-22T09:00:00Z"), false);
    }

    /** {@link #conflictEscalated()} resolved by moving the review: version 3. */
    public static ConflictResolved conflictResolved() {
        return new ConflictResolved(conflictDetected().conflictId(), BALLROOM, ResolutionMethod.RESCHEDULED, "manager@example.com",
                "Review moved to the next morning", Instant.parse("2026-11-22T11:00:00Z"));
    }

    /** The clash, detected once more after the resolution cleared, dismissed this time: version 4. */
    public static ConflictDismissed conflictDismissed() {
        return new ConflictDismissed(conflictDetected().conflictId(), BALLROOM, "manager@example.com",
                "The gala's set-up overlaps the review on purpose", Instant.parse("2026-11-22T09:30:00Z"));
    }

    /** One sample per entry of the event catalogue. */
    /** The nightly rule's run of 2026-12-02 07:30 UTC (02:30 in New York) dispatched, its first attempt, 40 ms after it was due. */
    public static OccurrenceDue occurrenceDue() {
        Instant start = Instant.parse("2026-12-02T07:30:00Z");
        return new OccurrenceDue(OccurrenceId.of(NIGHTLY, start), NIGHTLY, 2, BALLROOM, "Nightly cleanup", start, start, 1,
                DispatchTrigger.SCHEDULED, new JobTemplate("maintenance_job", Map.of("action", "cleanup"), 5, 600),
                Instant.parse("2026-12-02T07:30:00.040Z"), Instant.parse("2026-12-02T07:40:00.040Z"), null);
    }

    /** The dispatcher, back after an outage, did not dispatch three nightly runs it reached more than a minute late. */
    public static DispatchMisfired dispatchMisfired() {
        return new DispatchMisfired(NIGHTLY, BALLROOM, 2, Instant.parse("2026-12-03T07:30:00Z"), Instant.parse("2026-12-05T07:39:00Z"), 3,
                60, Instant.parse("2026-12-05T07:40:00Z"));
    }

    /** The nightly run of 2026-12-03 skipped: the run of the night before still ran, the one run the rule allows at once. */
    public static OccurrenceSkipped occurrenceSkipped() {
        Instant start = Instant.parse("2026-12-03T07:30:00Z");
        return new OccurrenceSkipped(OccurrenceId.of(NIGHTLY, start), NIGHTLY, 2, BALLROOM, start, SkipReason.MAX_CONCURRENT, 1, start);
    }

    /** The nightly run of 2026-12-04 waiting for the one in flight to end. */
    public static OccurrenceBuffered occurrenceBuffered() {
        Instant start = Instant.parse("2026-12-04T07:30:00Z");
        return new OccurrenceBuffered(OccurrenceId.of(NIGHTLY, start), NIGHTLY, 2, BALLROOM, start, 1, start.plusMillis(12));
    }

    /** The first attempt of {@link #occurrenceDue()}, unreported ten minutes after it was dispatched. */
    public static RunTimedOut runTimedOut() {
        Instant start = Instant.parse("2026-12-02T07:30:00Z");
        return new RunTimedOut(OccurrenceId.of(NIGHTLY, start), NIGHTLY, BALLROOM, 1, Instant.parse("2026-12-02T07:30:00.040Z"),
                Instant.parse("2026-12-02T07:40:00.040Z"), Instant.parse("2026-12-02T07:40:00.052Z"));
    }

    /** After {@link #runTimedOut()}, the second attempt of the exponential policy is due 30 seconds later. */
    public static RetryScheduled retryScheduled() {
        Instant start = Instant.parse("2026-12-02T07:30:00Z");
        return new RetryScheduled(OccurrenceId.of(NIGHTLY, start), NIGHTLY, BALLROOM, 2, AttemptOutcome.TIMED_OUT,
                Instant.parse("2026-12-02T07:40:30.052Z"), Instant.parse("2026-12-02T07:40:00.052Z"));
    }

    /** The fourth and last attempt failed too. */
    public static RetriesExhausted retriesExhausted() {
        Instant start = Instant.parse("2026-12-02T07:30:00Z");
        return new RetriesExhausted(OccurrenceId.of(NIGHTLY, start), NIGHTLY, BALLROOM, 4, AttemptOutcome.FAILED,
                Instant.parse("2026-12-02T07:44:31Z"));
    }

    /**
     * {@link #occurrenceMissed()} told to the nightly rule's creator ({@code user-123}, the actor of {@link #ruleCreated()}),
     * with the three missed-run decisions as actions.
     */
    public static NotificationRaised notificationRaised() {
        String path = "/api/v1/schedules/rules/rule-nightly/occurrences/" + occurrenceMissed().occurrenceId().value() + "/missed";
        return new NotificationRaised(NotificationId.of("6c4d610d-07df-3c6f-9563-d3a48bed5ea5", UserId.of("user-123")),
                UserId.of("user-123"), NotificationKind.RUN_MISSED, NotificationCategory.CRITICAL, "Missed run: Nightly cleanup",
                "The run of rule Nightly cleanup due at Wed 2 Dec 2026 07:30 UTC on cal-ballroom was not reported by "
                        + "Wed 2 Dec 2026 07:36 UTC (no run report). Approve and run it, reschedule it or delete it.",
                new NotificationSource("dev.almanac.occurrence.OccurrenceMissed.v1", "6c4d610d-07df-3c6f-9563-d3a48bed5ea5",
                        "/almanac/rule-expander", occurrenceMissed().occurrenceId().value()),
                "platform-team", BALLROOM,
                List.of(new NotificationLink("rule", "/api/v1/schedules/rules/rule-nightly"),
                        new NotificationLink("calendar", "/api/v1/calendars/cal-ballroom")),
                List.of(new NotificationAction("approve_and_run", "POST", path, Map.of("action", "approve_backfill_run")),
                        new NotificationAction("reschedule", "POST", path, Map.of("action", "reschedule")),
                        new NotificationAction("delete", "POST", path, Map.of("action", "delete_missed"))),
                Instant.parse("2026-12-02T07:36:00Z"));
    }

    /** Seed 004: Sam asks to hear 30 minutes before the review, in New York's time. */
    public static ItemReminderSet itemReminderSet() {
        return new ItemReminderSet(REVIEW, BALLROOM, Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T16:00:00Z"),
                "Quarterly review", ReminderId.of("rem-review-sam"), UserId.of("sam@example.com"), 30, NEW_YORK);
    }

    public static ItemReminderRemoved itemReminderRemoved() {
        return new ItemReminderRemoved(REVIEW, BALLROOM, Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T16:00:00Z"),
                ReminderId.of("rem-review-sam"), UserId.of("sam@example.com"));
    }

    /** {@link #itemReminderSet()} fallen due, 30 minutes before the review's start. */
    public static ReminderDue reminderDue() {
        return new ReminderDue(ReminderId.of("rem-review-sam"), BALLROOM, UserId.of("sam@example.com"), "Quarterly review",
                Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T14:30:00Z"), 30, NEW_YORK,
                Instant.parse("2026-12-01T14:30:00.012Z"), REVIEW, null, null);
    }

    /** Seed 004: Sam asks to hear 30 minutes before each run of the nightly rule, in Kolkata's time. */
    public static RuleReminderSet ruleReminderSet() {
        return new RuleReminderSet(NIGHTLY, ReminderId.of("rem-nightly-sam"), UserId.of("sam@example.com"), 30, ZoneId.of("Asia/Kolkata"));
    }

    public static RuleReminderRemoved ruleReminderRemoved() {
        return new RuleReminderRemoved(NIGHTLY, ReminderId.of("rem-nightly-sam"), UserId.of("sam@example.com"));
    }

    /** {@code user-123} wants critical alerts by e-mail and webhook, nothing at night in Berlin, and no low ones at all (seed 001). */
    public static NotificationPreferencesSet notificationPreferencesSet() {
        return new NotificationPreferencesSet(UserId.of("user-123"), "Europe/Berlin", "user-123@example.com",
                new WebhookTarget("https://hooks.slack.example/services/T000/B000/XXXX", WebhookFormat.SLACK, "v1.c2VhbGVkLXNlY3JldA"),
                List.of(new ChannelChoice(NotificationCategory.CRITICAL, List.of(DeliveryChannel.CENTRE, DeliveryChannel.EMAIL, DeliveryChannel.WEBHOOK)),
                        new ChannelChoice(NotificationCategory.NORMAL, List.of(DeliveryChannel.CENTRE, DeliveryChannel.EMAIL))),
                new QuietHours(java.time.LocalTime.of(22, 0), java.time.LocalTime.of(7, 0)), 10,
                List.of(new SuppressionRule(NotificationCategory.LOW, null)));
    }

    /** A reschedule refused for the calendar's capacity (409), as command-service records it for the audit trail. */
    public static CommandRefused commandRefused() {
        return new CommandRefused("RescheduleItem", "item-42", "cal-ops", 409, "https://almanac.dev/problems/conflict",
                "calendar cal-ops holds 1 item at a time and 2023-11-14T09:00:00Z is taken",
                List.of(new CommandRefused.Violation("start", "capacity")), "customer asked to move it");
    }

    /** Support's Sam, a platform admin, read a calendar of tenant acme to answer its ticket (ADR 0102). */
    public static PlatformAdminActed platformAdminActed() {
        return new PlatformAdminActed(Tenant.of("acme"), UserId.of("support:sam"), "GET", "/api/v1/calendars/acme:ballroom", 200);
    }

    /** {@link #notificationRaised()} accepted by the SMTP server at the first attempt. */
    public static NotificationDeliveryRecorded notificationDeliveryRecorded() {
        return new NotificationDeliveryRecorded(notificationRaised().notificationId(), UserId.of("user-123"), DeliveryOutcome.SENT,
                "3b0e2a8e-1f0c-3c55-9a57-5d3f7a2b9c11", DeliveryChannel.EMAIL, null, null, null, 1, null,
                Instant.parse("2026-12-02T07:36:01Z"));
    }

    /** The ops calendar's managers keep low notifications (warnings) from everyone's e-mail and webhooks (seed 001 §9). */
    public static CalendarNotificationPolicySet calendarNotificationPolicySet() {
        return new CalendarNotificationPolicySet(CalendarId.of("cal-ops"), List.of(NotificationCategory.LOW),
                "warnings are read in the console, not paged");
    }

    /** Seed 003: the review is held as tentative, and its title says the room is not yet sure. */
    public static ItemUpdated itemUpdated() {
        return new ItemUpdated(REVIEW, BALLROOM, Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"),
                new ItemFields("Quarterly review", "meeting", Priority.NORMAL, List.of("finance"), ScheduleStatus.SCHEDULED),
                new ItemFields("Quarterly review (room to confirm)", "meeting", Priority.HIGH, List.of("finance", "board"),
                        ScheduleStatus.TENTATIVE));
    }

    /** Seed 003: the review was entered twice by mistake; its copy is removed from the ballroom for good (ADR 0084). */
    public static ItemDeleted itemDeleted() {
        return new ItemDeleted(ItemId.of("item-review-copy"), BALLROOM, Instant.parse("2026-12-01T15:00:00Z"),
                Instant.parse("2026-12-01T16:00:00Z"), "Entered twice by mistake");
    }

    /** Seed 003: the ballroom, emptied, is deleted (ADR 0084). */
    public static CalendarDeleted calendarDeleted() {
        return new CalendarDeleted(BALLROOM, "The venue closed");
    }

    /** {@code user-123} subscribes Google Calendar to the ballroom's feed. */
    public static CalendarSubscriptionIssued calendarSubscriptionIssued() {
        return new CalendarSubscriptionIssued("sub-7f3a9c", CalendarId.of("cal-ballroom"), UserId.of("user-123"),
                "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", Instant.parse("2026-12-01T09:00:00Z"));
    }

    /** {@link #calendarSubscriptionIssued()} revoked by its user. */
    public static CalendarSubscriptionRevoked calendarSubscriptionRevoked() {
        return new CalendarSubscriptionRevoked("sub-7f3a9c", CalendarId.of("cal-ballroom"),
                "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", UserId.of("user-123"),
                Instant.parse("2026-12-02T09:00:00Z"));
    }

    public static List<AlmanacEvent> all() {
        return List.of(calendarCreated(), calendarUpdated(), calendarAccessGranted(), calendarAccessRevoked(), calendarDeactivated(),
                calendarDeleted(), resourceCreated(), resourceMarkedUnavailable(), resourceMarkedAvailable(), itemScheduled(), itemRescheduled(), itemConfirmed(),
                itemCancelled(), itemRestored(), itemUnconfirmed(), itemLinked(), itemUnlinked(), attachmentAdded(), attachmentRemoved(),
                itemReminderSet(), itemReminderRemoved(), itemUpdated(), itemDeleted(),
                ruleCreated(), ruleUpdated(), rulePaused(), ruleResumed(), ruleDeleted(),
                ruleDisabled(), ruleEnabled(), ruleOccurrenceMoved(), ruleOccurrenceCancelled(), ruleMissedRunDecided(), ruleEnded(),
                ruleRunRequested(), ruleChangeProposed(), ruleChangeConfirmed(), ruleChangeRejected(), ruleReminderSet(),
                ruleReminderRemoved(), runStarted(), runSucceeded(), runFailed(),
                occurrenceMaterialized(), occurrenceRetracted(), occurrenceMissed(),
                conflictDetected(), conflictCleared(), conflictEscalated(), conflictResolved(), conflictDismissed(),
                occurrenceDue(), dispatchMisfired(), occurrenceSkipped(), occurrenceBuffered(), runTimedOut(), retryScheduled(),
                retriesExhausted(), reminderDue(), notificationRaised(), notificationPreferencesSet(), notificationDeliveryRecorded(),
                calendarNotificationPolicySet(), commandRefused(), platformAdminActed(),
                calendarSubscriptionIssued(), calendarSubscriptionRevoked());
    }
}
