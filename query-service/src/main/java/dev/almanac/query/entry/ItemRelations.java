package dev.almanac.query.entry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.LinkRole;

/**
 * What ties an item to others, and what is attached to it: the items it depends on (F033-DEPENDENCIES), the
 * primary it follows or the followers it leads (LNK-PAIR), and its attachments (DEP-ATTACH), as the
 * item's events said them. Occurrences have none.
 *
 * @param followers by item id
 * @param attachments in the order they were added
 */
public record ItemRelations(List<String> dependencies, @Nullable Link primary, List<Link> followers, List<Attachment> attachments) {

    public static final ItemRelations NONE = new ItemRelations(List.of(), null, List.of(), List.of());

    public ItemRelations {
        dependencies = List.copyOf(dependencies);
        followers = List.copyOf(followers);
        attachments = List.copyOf(attachments);
    }

    /** The other side of a link, and the follower's start minus the primary's. */
    public record Link(String itemId, long offsetSeconds) {
    }

    /** A reference to a file kept elsewhere: an https {@code url} or a {@code storageKey} in the client's store. */
    public record Attachment(String id, String name, String mediaType, long sizeBytes, @Nullable String url, @Nullable String storageKey) {
    }

    public static ItemRelations dependingOn(List<ItemId> dependencies) {
        return dependencies.isEmpty() ? NONE
                : new ItemRelations(dependencies.stream().map(ItemId::value).toList(), null, List.of(), List.of());
    }

    /** This item linked as {@code linked} says; a link written again for the same pair replaces its offset. */
    public ItemRelations linked(ItemLinked linked) {
        Link link = new Link(linked.linkedItemId().value(), linked.offsetSeconds());
        if (linked.role() == LinkRole.FOLLOWER) {
            return new ItemRelations(dependencies, link, followers, attachments);
        }
        List<Link> leading = new ArrayList<>(followers.stream().filter(follower -> !follower.itemId().equals(link.itemId())).toList());
        leading.add(link);
        leading.sort(Comparator.comparing(Link::itemId));
        return new ItemRelations(dependencies, primary, leading, attachments);
    }

    public ItemRelations unlinked(ItemUnlinked unlinked) {
        String other = unlinked.linkedItemId().value();
        if (unlinked.role() == LinkRole.FOLLOWER) {
            return new ItemRelations(dependencies, primary != null && primary.itemId().equals(other) ? null : primary, followers,
                    attachments);
        }
        return new ItemRelations(dependencies, primary,
                followers.stream().filter(follower -> !follower.itemId().equals(other)).toList(), attachments);
    }

    /** With the attachment added; added again under the same id, it replaces the earlier one. */
    public ItemRelations attached(AttachmentAdded added) {
        List<Attachment> after = new ArrayList<>(withoutAttachment(added.attachmentId().value()));
        after.add(new Attachment(added.attachmentId().value(), added.name(), added.mediaType(), added.sizeBytes(), added.url(),
                added.storageKey()));
        return new ItemRelations(dependencies, primary, followers, after);
    }

    public ItemRelations detached(AttachmentRemoved removed) {
        return new ItemRelations(dependencies, primary, followers, withoutAttachment(removed.attachmentId().value()));
    }

    private List<Attachment> withoutAttachment(String id) {
        return attachments.stream().filter(attachment -> !attachment.id().equals(id)).toList();
    }

    /** What the copies on calendar days keep of this. */
    public RelationSummary summary() {
        return new RelationSummary(dependencies, primary == null ? null : primary.itemId(),
                followers.stream().map(Link::itemId).toList(), attachments.size());
    }
}
