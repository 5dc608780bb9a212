package dev.almanac.query.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code starting_hours} read model ({@link StartingHour}, {@link StartingHourCodec}): per UTC
 * hour, a copy of every entry of every calendar that starts in it. Read by {@code _id} only, so a
 * day costs its 23 to 26 hours whatever the number of calendars.
 *
 * <p>Hours read recently are kept decoded, each with the lock token it was read at. A read first
 * asks for the tokens of its hours and reads again only the hours whose token changed: a token
 * changes with every write, and a rebuilt document starts at a new random revision
 * ({@link Locks#firstRevision()}), so a kept hour is served only while it is what the store holds. For a
 * detailed day of a thousand entries, sending, decoding and re-shaping the copies was about
 * two fifths of the request's CPU; the tokens are a few bytes an hour.
 */
@Component
public class StartingHours implements ReadModel {

    public static final String COLLECTION = "starting_hours";
    private static final List<String> LOCK = List.of(Locks.FIELD);
    private static final List<String> ENTRIES_AND_LOCK = List.of(StartingHourCodec.ENTRIES, Locks.FIELD);

    private final MongoCollection<Document> collection;
    private final HeldHours held;

    /** Keeps no decoded hours. */
    public StartingHours(MongoDatabase database) {
        this(database, 0);
    }

    @Autowired
    public StartingHours(MongoDatabase database, @Value("${almanac.query.starting-hours-kept-copies:50000}") int keptCopies) {
        this.collection = database.getCollection(COLLECTION);
        this.held = new HeldHours(keptCopies);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** Every entry of every calendar that starts in {@code [from, till)}, in no particular order. */
    public Flux<PlacedCopy> startingIn(Instant from, Instant till) {
        List<String> ids = StartingHour.idsOverlapping(from, till);
        Flux<PlacedCopy> hours = held.isOff() ? read(ids) : KeyLookups.byIds(collection, ids, LOCK)
                .collectMap(document -> document.getString("_id"), document -> document.getString(Locks.FIELD))
                .flatMapMany(tokens -> {
                    List<PlacedCopy> kept = new ArrayList<>();
                    List<String> changed = new ArrayList<>();
                    tokens.forEach((id, token) -> {
                        List<PlacedCopy> copies = held.find(id, token);
                        if (copies == null) {
                            changed.add(id);
                        } else {
                            kept.addAll(copies);
                        }
                    });
                    return Flux.concat(Flux.fromIterable(kept), read(changed));
                });
        return hours.filter(placed -> !placed.copy().start().isBefore(from) && placed.copy().start().isBefore(till));
    }

    /** How many hours are kept decoded. */
    int keptHours() {
        return held.size();
    }

    private Flux<PlacedCopy> read(List<String> ids) {
        return KeyLookups.byIds(collection, ids, ENTRIES_AND_LOCK).flatMapIterable(document -> {
            List<PlacedCopy> copies = StartingHourCodec.copies(document.get(StartingHourCodec.ENTRIES, Document.class));
            held.keep(document.getString("_id"), document.getString(Locks.FIELD), copies);
            return copies;
        });
    }

    /**
     * Decoded hours by id, least recently read first out, bounded by the copies they hold. Each
     * hour weighs one more than its copies, so that hours whose entries all moved away are bounded too.
     */
    private static final class HeldHours {

        private final int maxCopies;
        private final Map<String, Held> hours = new LinkedHashMap<>(64, 0.75f, true);
        private long weight;

        HeldHours(int maxCopies) {
            this.maxCopies = maxCopies;
        }

        private record Held(String token, List<PlacedCopy> copies) {

            long weight() {
                return copies.size() + 1L;
            }
        }

        boolean isOff() {
            return maxCopies <= 0;
        }

        synchronized @Nullable List<PlacedCopy> find(String id, String token) {
            Held hour = hours.get(id);
            return hour != null && hour.token().equals(token) ? hour.copies() : null;
        }

        synchronized void keep(String id, @Nullable String token, List<PlacedCopy> decoded) {
            if (token == null || decoded.size() + 1L > maxCopies) {
                return;
            }
            Held hour = new Held(token, List.copyOf(decoded));
            Held replaced = hours.put(id, hour);
            weight += hour.weight() - (replaced == null ? 0 : replaced.weight());
            Iterator<Held> oldest = hours.values().iterator();
            while (weight > maxCopies && oldest.hasNext()) {
                weight -= oldest.next().weight();
                oldest.remove();
            }
        }

        synchronized int size() {
            return hours.size();
        }
    }
}
