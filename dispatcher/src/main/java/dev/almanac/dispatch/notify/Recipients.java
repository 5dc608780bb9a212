package dev.almanac.dispatch.notify;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;

/** Names that may be recipients: only those that are user ids, since a notification is keyed by one. */
final class Recipients {

    private Recipients() {
    }

    static void addIfUser(Collection<UserId> recipients, @Nullable String name) {
        if (name != null && UserId.VALID.matcher(name).matches()) {
            UserId user = UserId.of(name);
            if (!recipients.contains(user)) {
                recipients.add(user);
            }
        }
    }
}
