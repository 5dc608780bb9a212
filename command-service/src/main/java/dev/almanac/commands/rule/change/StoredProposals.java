package dev.almanac.commands.rule.change;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleChangeProposed;

/**
 * A proposal as it was stored: the answer to a new proposal and to a repeat of it alike, so a
 * repeated request gets the preview that was first shown, not one computed again later.
 */
@Component
class StoredProposals {

    private final EventStore eventStore;

    StoredProposals(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    Mono<ChangeRequestResponse> answer(ChangeRequestId changeRequestId) {
        return Mono.fromCallable(() -> {
            DomainEventStream events = eventStore.readEvents(StoreIds.changeRequest(changeRequestId));
            DomainEventMessage<?> first = events.next();
            Object actor = first.getMetaData().get(CommandMetadata.ACTOR);
            return ChangeRequestResponse.of((RuleChangeProposed) first.getPayload(), actor == null ? "system" : actor.toString());
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
