package dev.almanac.query.entry;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code entries} read model: one document per one-off item and per materialised occurrence,
 * keyed by its id, holding everything its events said. It is the state that versions are checked
 * against and that reschedules start from; reads use the day documents derived from it
 * ({@link CalendarDays}).
 */
@Component
public class Entries implements ReadModel {

    public static final String COLLECTION = "entries";
    public static final EntityKind<Entry> KIND = new EntityKind<>(COLLECTION, new EntryCodec());

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }
}
