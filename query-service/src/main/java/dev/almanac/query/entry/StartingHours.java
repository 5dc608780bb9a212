package dev.almanac.query.entry;

import java.time.Instant;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code starting_hours} read model ({@link StartingHour}, {@link StartingHourCodec}): per UTC
 * hour, a copy of every entry of every calendar that starts in it. Read by {@code _id} only, so a
 * day costs its 23 to 26 hours whatever the number of calendars.
 */
@Component
public class StartingHours implements ReadModel {

    public static final String COLLECTION = "starting_hours";

    private final MongoCollection<Document> collection;

    public StartingHours(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** Every entry of every calendar that starts in {@code [from, till)}, in no particular order. */
    public Flux<PlacedCopy> startingIn(Instant from, Instant till) {
        return KeyLookups.byIds(collection, StartingHour.idsOverlapping(from, till), List.of(StartingHourCodec.ENTRIES))
                .flatMapIterable(document -> StartingHourCodec.copies(document.get(StartingHourCodec.ENTRIES, Document.class)))
                .filter(placed -> !placed.copy().start().isBefore(from) && placed.copy().start().isBefore(till));
    }
}
