package dev.almanac.query.window;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.Tenant;
import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.MapKeys;
import dev.almanac.query.readmodel.ReadModel;

/** The {@code window_days} read model ({@link WindowDay}): per UTC day, every calendar's slot summary. */
@Component
public class WindowDays implements ReadModel {

    public static final String COLLECTION = "window_days";

    private final MongoCollection<Document> collection;

    public WindowDays(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /**
     * The calendars with an entry starting on any of these UTC days: the only ones a query of those days need read. In
     * multi-tenant mode, those of {@code tenant}, whose window days hold only its calendars; null: every calendar's.
     */
    public Mono<SortedSet<String>> calendarsWithStarts(@Nullable Tenant tenant, List<LocalDate> days) {
        return find(days.stream().map(day -> WindowDay.id(tenant, day)).toList(), List.of(WindowDayCodec.CALENDARS))
                .flatMapIterable(document -> {
                    Document calendars = document.get(WindowDayCodec.CALENDARS, Document.class);
                    return calendars == null ? List.<String>of() : calendars.keySet().stream().map(MapKeys::decode).toList();
                })
                .collect(TreeSet::new, Set::add);
    }

    /** The window-day documents with these ids, each with only the fields named. */
    Flux<Document> find(List<String> ids, List<String> fields) {
        return KeyLookups.byIds(collection, ids, fields);
    }
}
