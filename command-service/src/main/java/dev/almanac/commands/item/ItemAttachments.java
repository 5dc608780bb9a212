package dev.almanac.commands.item;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentId;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.platform.identity.Caller;

/**
 * The references to files attached to an {@link Item} (DEP-ATTACH); Almanac keeps the references,
 * never the files. A member of the item's aggregate, in its event stream. Attaching and removing change the item: its owner's
 * or a manager's to do (ADR 0090).
 */
class ItemAttachments {

    /** The most files one item may have attached (DEP-ATTACH: the figure its source tested). */
    static final int MAX_ATTACHMENTS = 50;

    private final Item item;
    /** Each attachment's id, with a fingerprint of its reference that tells a repeat from a clash. */
    private final Map<AttachmentId, Integer> attachments = new HashMap<>();

    ItemAttachments(Item item) {
        this.item = item;
    }

    /**
     * References a file; the same attachment again changes nothing, another one under its id is
     * refused (409, rule {@code unique}), and an item holds at most {@link #MAX_ATTACHMENTS} (409,
     * rule {@code max_attachments}).
     */
    @CommandHandler
    AttachmentChanged handle(AddAttachment command, Caller caller, Calendars calendars) {
        item.rejectIfCancelled("take attachments");
        item.requireChangeableBy(caller, calendars, "id");
        Integer existing = attachments.get(command.attachmentId());
        if (existing != null) {
            if (existing == command.fingerprint()) {
                return changed(false);
            }
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "unique", "item " + item.itemId()
                    + " already has another attachment " + command.attachmentId() + "; remove it first, or choose another id");
        }
        if (attachments.size() >= MAX_ATTACHMENTS) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "max_attachments", "item "
                    + item.itemId() + " already has " + attachments.size() + " attachments, the most an item may have; remove one first");
        }
        apply(new AttachmentAdded(item.itemId(), item.calendarId(), item.slot().start(), item.slot().end(), command.attachmentId(),
                command.name(), command.mediaType(), command.sizeBytes(), command.url(), command.storageKey()));
        return changed(true);
    }

    /** Removes an attachment's reference; one the item does not have is 404. */
    @CommandHandler
    AttachmentChanged handle(RemoveAttachment command, Caller caller, Calendars calendars) {
        item.rejectIfCancelled("change its attachments");
        item.requireChangeableBy(caller, calendars, "id");
        if (!attachments.containsKey(command.attachmentId())) {
            throw new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "attachmentId", "exists",
                    "item " + item.itemId() + " has no attachment " + command.attachmentId());
        }
        apply(new AttachmentRemoved(item.itemId(), item.calendarId(), item.slot().start(), item.slot().end(), command.attachmentId()));
        return changed(true);
    }

    @EventSourcingHandler
    void on(AttachmentAdded added) {
        attachments.put(added.attachmentId(), Objects.hash(added.name(), added.mediaType(), added.sizeBytes(), added.url(),
                added.storageKey()));
    }

    @EventSourcingHandler
    void on(AttachmentRemoved removed) {
        attachments.remove(removed.attachmentId());
    }

    /** The count of attachments, with the item's version and last event as every change of it answers them. */
    private AttachmentChanged changed(boolean changed) {
        StatusChanged current = item.statusChanged();
        return new AttachmentChanged(attachments.size(), changed, current.version(), current.at(), current.eventId());
    }
}
