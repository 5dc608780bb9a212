package dev.almanac.query.window;

import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

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

    /** The per-queue counts and the merged summary of these days, one {@code _id $in} find. */
    Flux<Document> countsAndTotals(List<String> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return Flux.from(collection.find(Filters.in("_id", ids))
                .projection(Projections.include(WindowDayCodec.COUNTS, WindowDayCodec.ALL)));
    }
}
