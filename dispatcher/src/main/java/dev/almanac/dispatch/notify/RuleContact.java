package dev.almanac.dispatch.notify;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.UserId;
import dev.almanac.platform.json.AlmanacJson;

/**
 * Who a rule concerns, as its events tell: {@code creator} is the actor of its creation (ADR 0062: a rule is decided by
 * its creator or its queue's manager), {@code owner} its metadata's owner, a user or team id as the client gave it;
 * {@code keptPrivate} whether it is private (ADR 0096), read as false from contacts stored before it was kept.
 */
record RuleContact(String ruleId, String name, String calendarId, @Nullable String creator, @Nullable String owner,
                   boolean keptPrivate) {

    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    /** The creator and the owner, each where it is a valid user id, once each. */
    Set<UserId> people() {
        Set<UserId> people = new LinkedHashSet<>();
        Recipients.addIfUser(people, creator);
        Recipients.addIfUser(people, owner);
        return people;
    }

    /** Who the notification names as the rule's owner: its metadata's owner, else its creator. */
    @Nullable String ownerOrCreator() {
        return owner != null ? owner : creator;
    }

    /** Whether {@code recipient} reads the rule's name: anyone while it is not private, else its creator and the managers. */
    boolean nameReadBy(UserId recipient, Set<UserId> managers) {
        return !keptPrivate || managers.contains(recipient) || recipient.value().equals(creator);
    }

    /** The rule's name as {@code recipient} may read it, else its id. */
    String nameFor(UserId recipient, Set<UserId> managers) {
        return nameReadBy(recipient, managers) ? name : ruleId;
    }

    byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    static RuleContact fromJson(byte[] json) {
        return JSON.readValue(json, RuleContact.class);
    }
}
