package dev.almanac.query.consistency;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.rule.Rules;

/**
 * Waits until the read models hold a command's write. The entity document is written after every
 * document derived from it ({@code ProjectionBatch}), so once it holds the token's version, every
 * view of it does too. It checks at once, after each batch this process projects, and every
 * {@code poll} for batches that other replicas project; after {@code wait} it answers
 * {@link Freshness#STALE}.
 */
@Component
public class ConsistencyGate {

    private final Entries entries;
    private final Calendars calendars;
    private final Rules rules;
    private final Projections projections;
    private final Duration wait;
    private final Duration poll;

    public ConsistencyGate(Entries entries, Calendars calendars, Rules rules, Projections projections,
                           @Value("${almanac.query.consistency-wait:3s}") Duration wait,
                           @Value("${almanac.query.consistency-poll:50ms}") Duration poll) {
        this.entries = entries;
        this.calendars = calendars;
        this.rules = rules;
        this.projections = projections;
        this.wait = wait;
        this.poll = poll;
    }

    public Mono<Freshness> await(ConsistencyToken token) {
        Flux<Long> checks = Flux.merge(Flux.just(0L), projections.applied().map(Integer::longValue), Flux.interval(poll, poll))
                .onBackpressureLatest();
        return checks.concatMap(check -> holds(token), 1)
                .filter(Boolean::booleanValue)
                .next()
                .map(held -> Freshness.FRESH)
                .timeout(wait, Mono.just(Freshness.STALE));
    }

    /** Whether the entity's read model is at the token's version or later. */
    Mono<Boolean> holds(ConsistencyToken token) {
        Mono<Long> version = switch (token.kind()) {
            case ITEM -> entries.find(token.id()).map(entry -> entry.version());
            case CALENDAR -> calendars.find(token.id()).map(calendar -> calendar.version());
            case RULE -> rules.find(token.id()).map(rule -> rule.version());
        };
        return version.map(held -> held >= token.version()).defaultIfEmpty(false);
    }
}
