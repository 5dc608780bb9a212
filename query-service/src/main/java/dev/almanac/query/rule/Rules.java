package dev.almanac.query.rule;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code rules} read model: one document per recurring rule with its full definition (cron,
 * zone, DST policy, job template, options, metadata), so that rule queries and on-the-fly
 * occurrences beyond the horizon need nothing but this collection.
 */
@Component
public class Rules implements ReadModel {

    public static final String COLLECTION = "rules";
    public static final EntityKind<Rule> KIND = new EntityKind<>(COLLECTION, new RuleCodec());

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }
}
