package dev.almanac.query.horizon;

import static dev.almanac.query.readmodel.MongoValues.date;

import java.util.Date;
import java.util.TreeMap;

import org.bson.Document;

import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MapKeys;

/**
 * {@link RuleIndex} as its document in {@code rule_index}:
 * {@code {_id: "*", r: {<rule id>: {v: <version>, c: <calendar id>, b: <materialised through>}}}}.
 */
public final class RuleIndexCodec implements DocumentCodec<RuleIndex> {

    static final String RULES = "r";

    @Override
    public String id(RuleIndex index) {
        return index.id();
    }

    @Override
    public Document encode(RuleIndex index) {
        Document rules = new Document();
        index.rules().forEach((ruleId, indexed) -> {
            Document rule = new Document("v", indexed.version());
            if (indexed.calendarId() != null) {
                rule.append("c", indexed.calendarId());
            }
            if (indexed.materialisedThrough() != null) {
                rule.append("b", date(indexed.materialisedThrough()));
            }
            rules.append(MapKeys.encode(ruleId), rule);
        });
        return new Document("_id", index.id()).append(RULES, rules);
    }

    @Override
    public RuleIndex decode(Document document) {
        TreeMap<String, RuleIndex.Indexed> rules = new TreeMap<>();
        Document held = document.get(RULES, Document.class);
        if (held != null) {
            held.forEach((key, value) -> {
                Document rule = (Document) value;
                Date through = rule.getDate("b");
                rules.put(MapKeys.decode(key), new RuleIndex.Indexed(((Number) rule.get("v")).longValue(), rule.getString("c"),
                        through == null ? null : through.toInstant()));
            });
        }
        return new RuleIndex(document.getString("_id"), rules);
    }
}
