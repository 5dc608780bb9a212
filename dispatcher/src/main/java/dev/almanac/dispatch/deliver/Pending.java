package dev.almanac.dispatch.deliver;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.NotificationRaised;

/**
 * Notifications waiting to be sent on one channel: held by quiet hours, or gathered in a digest's window. Kept in the
 * deliverer's store until {@code releaseAt}; the user's address is read when it is released, so a change applies.
 *
 * @param bucket   the digest's bucket (recipient, channel and kind), or the held delivery's id
 * @param digestId the digest, when this is one; its first notification was sent at once, the others wait here
 * @param policy   the quiet hours that held them, when they did
 */
record Pending(String bucket, UserId recipient, DeliveryChannel channel, @Nullable String digestId, @Nullable String policy,
               long releaseAt, List<NotificationRaised> members) {

    Pending {
        members = List.copyOf(members);
    }

    Pending with(NotificationRaised notification) {
        List<NotificationRaised> more = new ArrayList<>(members);
        more.add(notification);
        return new Pending(bucket, recipient, channel, digestId, policy, releaseAt, more);
    }

    /** The store key: release time first, so that a scan from the start finds what is due. */
    String key() {
        return keyOf(releaseAt, bucket);
    }

    static String keyOf(long releaseAt, String bucket) {
        return String.format("%019d|%s", releaseAt, bucket);
    }

    /** The release time a store key begins with. */
    static long releaseAtOf(String key) {
        return Long.parseLong(key.substring(0, 19));
    }
}
