package dev.almanac.dispatch.notify;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.UserId;
import dev.almanac.platform.json.AlmanacJson;

/**
 * Who a rule concerns, as its events tell: {@code creator} is the actor of its creation (ADR 0062: a rule is decided by
 * its creator or its queue's manager), {@code owner} its metadata's owner, a user or team id as the client gave it.
 */
record RuleContact(String ruleId, String name, String calendarId, @Nullable String creator, @Nullable String owner) {

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

    byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    static RuleContact fromJson(byte[] json) {
        return JSON.readValue(json, RuleContact.class);
    }
}
