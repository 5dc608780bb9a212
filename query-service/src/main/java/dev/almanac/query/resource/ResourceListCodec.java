package dev.almanac.query.resource;

import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.time.ZoneId;
import java.util.TreeMap;

import org.bson.Document;

import dev.almanac.events.calendar.ResourceType;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MapKeys;

/**
 * {@link ResourceList} as its document in {@code resource_lists}:
 * {@code {_id: "*", r: {<resource id>: {n: <name>, t: <type>, z: <timezone>, d: <description>, v: <version>}}}}, with
 * {@code d} absent when the resource has no description. Resource ids are encoded by {@link MapKeys}.
 */
public final class ResourceListCodec implements DocumentCodec<ResourceList> {

    static final String RESOURCES = "r";

    @Override
    public String id(ResourceList list) {
        return list.id();
    }

    @Override
    public Document encode(ResourceList list) {
        Document resources = new Document();
        list.resources().forEach((resourceId, listed) -> {
            Document resource = new Document("n", listed.name()).append("t", wire(listed.type())).append("z", listed.timezone().getId());
            putIfPresent(resource, "d", listed.description());
            resources.append(MapKeys.encode(resourceId), resource.append("v", listed.version()));
        });
        return new Document("_id", list.id()).append(RESOURCES, resources);
    }

    @Override
    public ResourceList decode(Document document) {
        TreeMap<String, ResourceList.Listed> resources = new TreeMap<>();
        Document held = document.get(RESOURCES, Document.class);
        if (held != null) {
            held.forEach((key, value) -> {
                Document resource = (Document) value;
                resources.put(MapKeys.decode(key), new ResourceList.Listed(resource.getString("n"),
                        fromWire(ResourceType.class, resource.getString("t")), ZoneId.of(resource.getString("z")),
                        resource.getString("d"), longValue(resource, "v")));
            });
        }
        return new ResourceList(document.getString("_id"), resources);
    }
}
