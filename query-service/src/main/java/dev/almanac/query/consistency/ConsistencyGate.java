package dev.almanac.query.consistency;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.events.Topics;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.changerequest.ChangeRequests;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.resource.Resources;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.run.Runs;

/**
 * Waits until the read models hold a command's write. The entity document is written after every
 * document derived from it ({@code ProjectionBatch}), so once it holds the token's version, every
 * view of it does too. It reads the entity once; then it watches the batches this process writes
 * ({@link Projections#applied()}), which name the entities they held, so a waiting read costs no
 * query per batch; and every {@code poll} it reads the entity again, for batches that other
 * replicas write. After {@code wait} it answers {@link Freshness#STALE}.
 */
@Component
public class ConsistencyGate {

    private final Entries entries;
    private final Calendars calendars;
    private final Rules rules;
    private final Runs runs;
    private final ChangeRequests changeRequests;
    private final Resources resources;
    private final Projections projections;
    private final Duration wait;
    private final Duration poll;

    public ConsistencyGate(Entries entries, Calendars calendars, Rules rules, Runs runs, ChangeRequests changeRequests,
                           Resources resources, Projections projections,
                           @Value("${almanac.query.consistency-wait:3s}") Duration wait,
                           @Value("${almanac.query.consistency-poll:500ms}") Duration poll) {
        this.entries = entries;
        this.calendars = calendars;
        this.rules = rules;
        this.runs = runs;
        this.changeRequests = changeRequests;
        this.resources = resources;
        this.projections = projections;
        this.wait = wait;
        this.poll = poll;
    }

    public Mono<Freshness> await(ConsistencyToken token) {
        String topic = switch (token.kind()) {
            case ITEM -> Topics.SCHEDULE;
            case CALENDAR, RESOURCE -> Topics.CALENDARS;
            case RULE, CHANGE_REQUEST -> Topics.RULES;
            case RUN -> Topics.RUNS;
        };
        // Subscribed before the first check completes, so a batch written meanwhile is not missed.
        Flux<Boolean> written = projections.applied().map(batch -> batch.stream().anyMatch(applied -> applied.topic().equals(topic)
                && applied.subject().equals(token.id()) && applied.version() >= token.version()));
        if (topic.equals(Topics.RULES) || topic.equals(Topics.CALENDARS)) {
            // Rules and change requests share a topic, as calendars and resources do, and an id may name one of each: a batch
            // that names the id is a hint, and the store says whether it held this entity.
            written = written.filter(Boolean::booleanValue).concatMap(hint -> holds(token), 1);
        }
        Flux<Boolean> polled = Flux.interval(poll, poll).onBackpressureDrop().concatMap(tick -> holds(token), 1);
        return Flux.merge(holds(token).flux(), written, polled)
                .filter(Boolean::booleanValue)
                .next()
                .map(held -> Freshness.FRESH)
                .timeout(wait, Mono.just(Freshness.STALE))
                // A batch's signal arrives on the projection's listener thread; the read goes on elsewhere.
                .publishOn(Schedulers.parallel());
    }

    /** Whether the entity's read model is at the token's version or later. */
    Mono<Boolean> holds(ConsistencyToken token) {
        Mono<Long> version = switch (token.kind()) {
            case ITEM -> entries.find(token.id()).map(entry -> entry.version());
            case CALENDAR -> calendars.find(token.id()).map(calendar -> calendar.version());
            case RULE -> rules.find(token.id()).map(rule -> rule.version());
            case RUN -> runs.find(token.id()).map(run -> run.version());
            case CHANGE_REQUEST -> changeRequests.find(token.id()).map(request -> request.version());
            case RESOURCE -> resources.find(token.id()).map(resource -> resource.version());
        };
        return version.map(held -> held >= token.version()).defaultIfEmpty(false);
    }
}
