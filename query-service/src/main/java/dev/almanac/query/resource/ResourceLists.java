package dev.almanac.query.resource;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.Tenant;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code resource_lists} read model ({@link ResourceList}) and the resources list it serves: a page is one read of
 * the list's document by {@code _id}, ordered and cut in memory. Nothing scans {@code resources}.
 */
@Component
public class ResourceLists implements ReadModel {

    public static final String COLLECTION = "resource_lists";

    private static final ResourceListCodec CODEC = new ResourceListCodec();
    private static final Comparator<Map.Entry<String, ResourceList.Listed>> ORDER =
            Comparator.<Map.Entry<String, ResourceList.Listed>, String>comparing(entry -> entry.getValue().name())
                    .thenComparing(Map.Entry::getKey);

    private final MongoCollection<Document> collection;

    public ResourceLists(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /**
     * The page of at most {@code limit} resources after {@code after} (from the first when null), by name and then id; in
     * multi-tenant mode {@code tenant}'s only (ADR 0102), left out before paging so that a page is full unless it is the last.
     */
    public Mono<ResourceListView> page(@Nullable ResourceCursor after, int limit, @Nullable Tenant tenant) {
        return Mono.from(collection.find(Filters.eq("_id", ResourceList.ALL)).first())
                .map(CODEC::decode)
                .defaultIfEmpty(ResourceList.emptyOf(ResourceList.ALL))
                .map(list -> {
                    List<Map.Entry<String, ResourceList.Listed>> following = list.resources().entrySet().stream()
                            .filter(entry -> tenant == null || tenant.owns(entry.getKey()))
                            .filter(entry -> after == null || after.precedes(entry.getValue().name(), entry.getKey()))
                            .sorted(ORDER)
                            .limit(limit + 1L)
                            .toList();
                    List<Map.Entry<String, ResourceList.Listed>> onPage = following.subList(0, Math.min(limit, following.size()));
                    String nextCursor = null;
                    if (following.size() > limit) {
                        Map.Entry<String, ResourceList.Listed> last = onPage.get(onPage.size() - 1);
                        nextCursor = new ResourceCursor(last.getValue().name(), last.getKey()).encode();
                    }
                    return new ResourceListView(onPage.stream().map(entry -> ResourceSummary.of(entry.getKey(), entry.getValue())).toList(),
                            nextCursor);
                });
    }
}
