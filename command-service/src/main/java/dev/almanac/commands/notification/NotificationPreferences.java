package dev.almanac.commands.notification;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.WebhookTarget;
import dev.almanac.platform.secret.SecretSeal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One user's notification preferences: set whole by a PUT, created by the first; the same set again changes nothing. */
@Aggregate
public class NotificationPreferences {

    @AggregateIdentifier
    private @Nullable String storeId;
    private @Nullable NotificationPreferencesSet current;
    private long version = -1;

    protected NotificationPreferences() {
        // For Axon, which rebuilds the preferences from their events, and creates them on the first PUT.
    }

    /** @return the preferences' version after the command */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetNotificationPreferences command, SecretSeal seal) {
        // Axon checks no version on an aggregate it may create (loadOrCreate), so If-Match is checked here.
        Long expected = command.expectedVersion();
        if (expected != null && expected != version) {
            throw new ConflictingAggregateVersionException(command.storeId(), expected, version);
        }
        NotificationPreferencesSet asked = keepingTheSealOfAnUnchangedSecret(command.preferences(), seal);
        if (!asked.equals(current)) {
            apply(asked);
        }
        return version;
    }

    /** A secret is sealed afresh on every request (a new nonce); the same secret keeps its seal, so the same set is no change. */
    private NotificationPreferencesSet keepingTheSealOfAnUnchangedSecret(NotificationPreferencesSet asked, SecretSeal seal) {
        WebhookTarget before = current == null ? null : current.webhook();
        WebhookTarget now = asked.webhook();
        if (before == null || now == null || !seal.open(before.sealedSecret()).equals(seal.open(now.sealedSecret()))) {
            return asked;
        }
        return new NotificationPreferencesSet(asked.userId(), asked.zone(), asked.email(),
                new WebhookTarget(now.url(), now.format(), before.sealedSecret()), asked.channels(), asked.quietHours(),
                asked.digestWindowMinutes(), asked.suppress());
    }

    @EventSourcingHandler
    void on(NotificationPreferencesSet set, DomainEventMessage<?> message) {
        storeId = StoreIds.notificationPreferences(set.userId());
        current = set;
        version = message.getSequenceNumber();
    }
}
