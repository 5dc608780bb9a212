package dev.almanac.query.occurrence;

import java.util.TreeMap;

import org.bson.Document;

import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MapKeys;

/** {@link RuleIndex} as its document in {@code rule_index}: {@code {_id: "*", r: {<rule id>: {v: <version>, c: <calendar id>}}}}. */
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
            rules.append(MapKeys.encode(ruleId), rule);
        });
        return new Document("_id", index.id()).append(RULES, rules);
    }

    /** A rule only its occurrences were seen of (version -1, written before ADR 0068) is not one the index holds. */
    @Override
    public RuleIndex decode(Document document) {
        TreeMap<String, RuleIndex.Indexed> rules = new TreeMap<>();
        Document held = document.get(RULES, Document.class);
        if (held != null) {
            held.forEach((key, value) -> {
                Document rule = (Document) value;
                long version = ((Number) rule.get("v")).longValue();
                if (version >= 0) {
                    rules.put(MapKeys.decode(key), new RuleIndex.Indexed(version, rule.getString("c")));
                }
            });
        }
        return new RuleIndex(document.getString("_id"), rules);
    }
}
