package dev.almanac.conflicts.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.conflicts.calendar.CalendarAccessCopies;
import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.command.CommandOutcome;
import dev.almanac.conflicts.command.CommandTopics;
import dev.almanac.conflicts.command.ConflictCommand;
import dev.almanac.conflicts.lifecycle.ConflictChange;
import dev.almanac.conflicts.lifecycle.ConflictEventMetadata;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.ConflictTracker;
import dev.almanac.conflicts.lifecycle.ConflictTransitions;
import dev.almanac.conflicts.lifecycle.Escalations;
import dev.almanac.conflicts.lifecycle.OrphanTracker;
import dev.almanac.conflicts.lifecycle.StoredConflict;
import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLink;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.streams.DuePunctuation;

/**
 * The lifecycle side of a partition's task, on the same stores as {@link CalendarFactsProcessor}:
 * <ul>
 *   <li>Each command of its partition of the command topic is decided against the conflict, if the
 *       partition holds it, and the outcome goes to the outcome topic for the waiting request. A
 *       task handles its records one at a time, so two commands for one conflict are decided in
 *       order: the first changes the version, and the second, naming the old one, is refused.</li>
 *   <li>A re-scan command detects every calendar, every resource and every linked pair of the partition afresh and
 *       publishes only what differs from the stored conflicts; its outcome counts what it found. It also starts the SCH-015
 *       clock of conflicts stored before the lifecycle existed. A tenant's re-scan does all this for the ids of its tenant
 *       only, and counts only them (ADR 0102).</li>
 *   <li>A re-scan also copies the owner and grants of the partition's calendars to every instance again (ADR 0030).</li>
 *   <li>A wall-clock punctuation escalates the partition's conflicts whose SCH-015 time has come. It is armed for the
 *       earliest escalation due (ADR 0098): the first key of the due index, read when the task starts, after each check
 *       and after a re-scan. A clock another processor of the task starts is due 24 h after its fact's time, later than
 *       that unless the fact was read nearly a day late; the check interval bounds how late that one escalates.</li>
 * </ul>
 * Its stores, events and outcomes commit in the task's transaction, as the facts' do.
 */
final class ConflictCommandsProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ConflictCommandsProcessor.class);
    /** Escalations per punctuation, so that one transaction stays small; the rest follow at the next. */
    private static final int ESCALATIONS_PER_CHECK = 500;

    private final LifecycleSettings settings;
    private final RecordHandling handling;
    private @Nullable PartitionState state;
    private @Nullable CalendarAccessCopies everyCalendar;
    private @Nullable DuePunctuation escalations;

    ConflictCommandsProcessor(EventCodec codec, ConflictMetrics metrics, LifecycleSettings settings) {
        this.settings = settings;
        this.handling = new RecordHandling(codec, metrics, log);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        PartitionState state = handling.initPartition(context);
        this.state = state;
        KeyValueStore<Bytes, byte[]> accessCopies = context.getStateStore(CalendarAccessCopies.STORE);
        this.everyCalendar = new CalendarAccessCopies(accessCopies);
        this.escalations = new DuePunctuation(context, settings.clock(), settings.escalationCheckInterval(), this::escalateDue);
        armForTheFirstEscalation(state);
    }

    private void armForTheFirstEscalation(PartitionState state) {
        Objects.requireNonNull(escalations).armFor(state.conflicts().firstEscalationDue());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ProcessorContext<String, byte[]> context = handling.context();
        PartitionState state = Objects.requireNonNull(this.state);
        RecordMetadata origin = handling.origin();
        ConflictCommand command;
        try {
            command = CommandTopics.decodeCommand(record.value());
        } catch (RuntimeException poison) {
            handling.setAside(record, origin, poison);
            return;
        }
        Handled handled;
        List<CalendarStore.AccessChange> accessCopies = List.of();
        try {
            handled = command.kind() == ConflictCommand.Kind.DETECT
                    ? rescan(state, command, origin.partition())
                    : transition(state, Objects.requireNonNull(everyCalendar), command, origin.partition());
            if (command.kind() == ConflictCommand.Kind.DETECT) {
                // Copies written before ADR 0030, or lost, reach every instance again; a copy already held changes nothing there.
                accessCopies = state.calendars().restrictedAccess(command.tenant());
            }
            state.commit();
            if (command.kind() == ConflictCommand.Kind.DETECT) {
                // A re-scan starts the clocks of conflicts stored without one, from its own time.
                armForTheFirstEscalation(state);
            }
        } catch (KafkaException outage) {
            state.discard();
            throw outage;
        } catch (RuntimeException failure) {
            state.discard();
            log.error("Handling command {} failed; dead-lettering it", command.commandId(), failure);
            handling.setAside(record, origin, failure);
            // The request learns at once that nothing was applied, rather than waiting for its timeout.
            answer(context, CommandOutcome.failed(command.commandId(), origin.partition(), String.valueOf(failure.getMessage())),
                    record.timestamp());
            return;
        }
        for (ConflictChange change : handled.published()) {
            handling.forward(change, ConflictEventMetadata.of(change, command), record.timestamp());
        }
        handling.published(handled.published());
        CalendarFactsProcessor.forwardAccess(context, accessCopies, record.timestamp());
        answer(context, handled.outcome(), record.timestamp());
    }

    private static void answer(ProcessorContext<String, byte[]> context, CommandOutcome outcome, long timestamp) {
        context.forward(new Record<>(outcome.commandId(), CommandTopics.encode(outcome), timestamp, new RecordHeaders()),
                ConflictTopology.OUTCOMES_SINK);
    }

    /** The events a command published, and its outcome for the waiting request. */
    private record Handled(List<ConflictChange> published, CommandOutcome outcome) {
    }

    /**
     * Why the actor may not move the conflict on, or null if they may: an admin, or a manager of a calendar the
     * conflict involves. A calendar's own conflict is decided from the partition's copy of its grants, which
     * comes in the partition's own order. A resource's conflict involves the calendars of its bookings, and an
     * orphaned link the calendars of both sides; they live on the partition of the resource or of the primary,
     * so they are decided from the global copy of every calendar's grants (ADR 0030).
     */
    private static @Nullable String whyForbidden(PartitionState state, CalendarAccessCopies everyCalendar, StoredConflict conflict,
                                                 ConflictCommand command) {
        if (command.actorAdmin()) {
            return null;
        }
        ConflictDetected detected = conflict.lastDetected();
        if (detected.resourceId() != null) {
            List<CalendarId> calendars = detected.bookings().stream().map(ConflictBooking::calendarId).toList();
            return everyCalendar.managedBy(UserId.of(command.actor()), calendars).isEmpty()
                    ? " of resource " + detected.resourceId() + " needs the manager role on " + named(calendars)
                    + " (booking it), or the admin role; " + command.actor() + " has neither"
                    : null;
        }
        ConflictLink link = detected.link();
        if (link != null) {
            List<CalendarId> calendars = List.of(link.primaryCalendarId(), link.followerCalendarId());
            return everyCalendar.managedBy(UserId.of(command.actor()), calendars).isEmpty()
                    ? " of the link from item " + link.primaryId() + " to item " + link.followerId() + " needs the manager role on "
                    + named(calendars) + " (the calendars of its items), or the admin role; " + command.actor() + " has neither"
                    : null;
        }
        CalendarAccess access = state.calendars().find(detected.calendarId()).access();
        return access.allows(UserId.of(command.actor()), false, CalendarRole.MANAGER, UngrantedCalendars.CLOSED) ? null
                : " needs the manager role on calendar " + detected.calendarId().value() + "; " + command.actor() + " is not its manager";
    }

    /**
     * Whether the conflict is hidden from the actor, who has no role on any calendar it concerns (its own, its bookings', a
     * link's two sides; ADR 0086): then it answers as a conflict no partition holds. Read from the global copy of every
     * calendar's grants, which holds every calendar whatever its partition. One who sees a calendar it concerns but may not
     * move it on is answered 403 ({@link #whyForbidden}).
     */
    private static boolean hiddenFrom(CalendarAccessCopies everyCalendar, StoredConflict conflict, ConflictCommand command) {
        if (command.actorAdmin()) {
            return false;
        }
        UserId actor = UserId.of(command.actor());
        return concerned(conflict).stream().noneMatch(calendar -> everyCalendar.of(calendar).shows(actor, false, command.ungranted()));
    }

    /**
     * Whether the conflict involves a calendar of another tenant than the actor's (ADR 0102): then it answers as a conflict
     * no partition holds, before any role is read, admins' included. A conflict's id is a digest that names no tenant, so
     * the calendars it involves decide; a booking or a link across tenants is refused when it is made, so they are one.
     */
    private static boolean ofAnotherTenant(StoredConflict conflict, ConflictCommand command) {
        return !concerned(conflict).stream().allMatch(command::mayKnow);
    }

    /** The calendars a conflict concerns: its own, its bookings', a link's two sides. */
    private static List<CalendarId> concerned(StoredConflict conflict) {
        ConflictDetected detected = conflict.lastDetected();
        List<CalendarId> concerned = new ArrayList<>();
        concerned.add(detected.calendarId());
        detected.bookings().forEach(booking -> concerned.add(booking.calendarId()));
        if (detected.link() != null) {
            concerned.add(detected.link().primaryCalendarId());
            concerned.add(detected.link().followerCalendarId());
        }
        return concerned;
    }

    /** "calendar a", or "calendar a or b", in id order. */
    private static String named(List<CalendarId> calendars) {
        List<String> ids = calendars.stream().map(CalendarId::value).distinct().sorted().toList();
        return ids.isEmpty() ? "a calendar it involves" : "calendar " + String.join(" or ", ids);
    }

    private static Handled transition(PartitionState state, CalendarAccessCopies everyCalendar, ConflictCommand command, int partition) {
        Optional<StoredConflict> held = Optional.ofNullable(command.conflictId()).flatMap(ConflictCommandsProcessor::validId)
                .flatMap(state.conflicts()::find);
        if (held.isEmpty()) {
            return new Handled(List.of(), CommandOutcome.notHere(command.commandId(), partition));
        }
        StoredConflict conflict = held.get();
        String calendar = conflict.lastDetected().calendarId().value();
        if (ofAnotherTenant(conflict, command) || hiddenFrom(everyCalendar, conflict, command)) {
            // As a conflict no partition holds: nothing in the answer tells that it exists (ADR 0086).
            return new Handled(List.of(), CommandOutcome.notHere(command.commandId(), partition));
        }
        String forbidden = whyForbidden(state, everyCalendar, conflict, command);
        if (forbidden != null) {
            return new Handled(List.of(), new CommandOutcome(command.commandId(), partition, CommandOutcome.Result.FORBIDDEN,
                    conflict.id().value(), calendar, conflict.status(), conflict.version(), null, "role",
                    "resolving, escalating or dismissing conflict " + conflict.id() + forbidden, null));
        }
        ConflictTransitions.Decision decision = ConflictTransitions.decide(conflict, command);
        if (decision instanceof ConflictTransitions.Applied done) {
            state.conflicts().record(done.change());
            return new Handled(List.of(done.change()), new CommandOutcome(command.commandId(), partition, CommandOutcome.Result.APPLIED,
                    conflict.id().value(), calendar, done.change().status(), done.change().version(), command.requestedAt(), null, null,
                    null));
        }
        ConflictTransitions.Refused refused = (ConflictTransitions.Refused) decision;
        return new Handled(List.of(), new CommandOutcome(command.commandId(), partition, refused.result(), conflict.id().value(), calendar,
                conflict.status(), conflict.version(), null, refused.rule(), refused.message(), null));
    }

    /**
     * Detection afresh over every calendar of the partition, reconciled with what is stored: on
     * state kept up to date fact by fact it publishes nothing, so running it again is harmless. A tenant's re-scan reads
     * and counts the calendars, resources and linked pairs of its tenant only: another tenant's conflict, missed or not,
     * is neither published nor counted.
     */
    private static Handled rescan(PartitionState state, ConflictCommand command, int partition) {
        @Nullable Tenant scope = command.tenant();
        List<ConflictChange> changes = new ArrayList<>();
        int calendars = 0;
        int resources = 0;
        int holding = 0;
        for (CalendarId calendar : state.calendars().knownIds(scope)) {
            ConflictTracker.Rescanned rescanned = state.tracker().rescan(calendar);
            calendars++;
            holding += rescanned.holding();
            changes.addAll(rescanned.changes());
        }
        for (ResourceId resource : state.resources().knownIds(scope)) {
            ConflictTracker.Rescanned rescanned = state.trackers().resources().rescan(resource);
            resources += state.resources().profile(resource).isPresent() ? 1 : 0;
            holding += rescanned.holding();
            changes.addAll(rescanned.changes());
        }
        OrphanTracker.Rescanned links = state.trackers().orphans().rescan(scope);
        holding += links.holding().size();
        changes.addAll(links.changes());
        Escalations.startClocks(state.conflicts(), changes, command.requestedAt());
        state.calendars().knownIds(scope).forEach(calendar -> Escalations.startMissingClocks(state.conflicts(), calendar, command.requestedAt()));
        state.resources().knownIds(scope).forEach(resource -> Escalations.startMissingClocks(state.conflicts(), resource, command.requestedAt()));
        // Read again: the clocks just started are stored, so they are not started twice.
        Escalations.startMissingClocks(state.conflicts(), state.conflicts().withIds(
                links.holding().stream().map(StoredConflict::id).toList()), command.requestedAt());
        int detected = (int) changes.stream().filter(ConflictChange.Detection.class::isInstance).count();
        return new Handled(changes, CommandOutcome.rescanned(command.commandId(), partition,
                new CommandOutcome.Rescan(calendars, resources, holding, detected, changes.size() - detected, links.pairs())));
    }

    private void escalateDue() {
        PartitionState state = Objects.requireNonNull(this.state);
        Instant now = settings.clock().instant();
        List<ConflictChange> escalated = RecordHandling.committed(state,
                () -> Escalations.escalateDue(state.conflicts(), now, settings.escalateTo(), ESCALATIONS_PER_CHECK));
        for (ConflictChange change : escalated) {
            handling.forward(change, ConflictEventMetadata.ofTimer(change, now), now.toEpochMilli());
        }
        if (!escalated.isEmpty()) {
            log.info("Escalated {} conflicts left unresolved past their SCH-015 deadline", escalated.size());
            handling.published(escalated);
        }
        armForTheFirstEscalation(state);
    }

    private static Optional<ConflictId> validId(String id) {
        try {
            return Optional.of(ConflictId.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
