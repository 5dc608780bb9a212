package dev.almanac.query.rule;

import java.util.List;

import com.mongodb.client.model.Indexes;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code rules} read model: one document per recurring rule with its full definition (cron,
 * zone, DST policy, job template, options, metadata), so that rule queries and on-the-fly
 * occurrences beyond the horizon need nothing but this collection.
 */
@Component
public class Rules implements ReadModel {

    public static final String COLLECTION = "rules";

    static final String CALENDAR_ID = "calendar_id";

    @Override
    public String collection() {
        return COLLECTION;
    }

    /** By calendar (the rule's queue), for a calendar's rules. */
    @Override
    public List<Bson> indexes() {
        return List.of(Indexes.ascending(CALENDAR_ID));
    }
}
