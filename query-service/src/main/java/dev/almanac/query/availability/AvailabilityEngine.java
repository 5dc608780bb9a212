package dev.almanac.query.availability;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;

/**
 * One availability engine for calendars and resources: how occupied one or a batch of them is over a range, read from
 * their day documents, and their free slots ({@link SlotRequest}). What occupies each kind is its {@link Bookables}'.
 */
final class AvailabilityEngine {

    /** A calendar or resource with what occupies it over the range checked. */
    record Occupied<S, O>(S bookable, O occupancy) {
    }

    /** A calendar or resource with its free slots, laid out on {@code clock}. */
    record Slots<S>(S bookable, ZoneId clock, FreeSlotList free) {
    }

    /** An id of a batch, and what it names: null for an id that names nothing. */
    record Answer<S, O>(String id, @Nullable Occupied<S, O> found) {
    }

    private AvailabilityEngine() {
    }

    /** One calendar or resource with its occupancy over {@code range}, or a 404 problem when none has the id. */
    static <S, O> Mono<Occupied<S, O>> one(Bookables<S, O> kind, String id, TimeRange range) {
        return kind.require(id).flatMap(bookable -> kind.load(List.of(id), range)
                .map(load -> new Occupied<>(bookable, kind.occupancy(bookable, load.get(id), range))));
    }

    /**
     * The free slots of one calendar or resource that {@code request} asks for, on the request's wall clock or else its
     * own, or a 404 problem when none has the id.
     */
    static <S, O> Mono<Slots<S>> slots(Bookables<S, O> kind, String id, SlotRequest request) {
        return one(kind, id, request.checked()).map(found -> {
            ZoneId clock = request.clock(kind.zone(found.bookable()));
            return new Slots<>(found.bookable(), clock, request.freeSlots(clock, kind.blocked(found.occupancy())));
        });
    }

    /**
     * Each id of a batch, in the order given, with its occupancy over {@code range}: one read of those that exist and
     * one of their days, however many ids. An id that names nothing is answered in its place, not as an error.
     */
    static <S, O> Mono<List<Answer<S, O>>> each(Bookables<S, O> kind, List<String> ids, TimeRange range) {
        return kind.findAll(ids).flatMap(found -> kind.load(found.keySet(), range).map(load -> {
            List<Answer<S, O>> answers = new ArrayList<>(ids.size());
            for (String id : ids) {
                S bookable = found.get(id);
                answers.add(new Answer<>(id, bookable == null ? null
                        : new Occupied<>(bookable, kind.occupancy(bookable, load.get(id), range))));
            }
            return answers;
        }));
    }
}
