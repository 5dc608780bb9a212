package dev.almanac.query.rule;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.instantOrNull;

import java.util.TreeMap;

import org.bson.Document;

import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MapKeys;

/**
 * {@link RuleList} as its document in {@code rule_lists}:
 * {@code {_id: <scope>, r: {<rule id>: {v: <version>, s: <status>, ra: <resume_after>, x: <exhausted from>,
 * p: {q: <queue>, c: <creator>}}}}}, {@code p} for a private rule only; a rule that left the scope keeps {@code {v}} alone.
 */
public final class RuleListCodec implements DocumentCodec<RuleList> {

    static final String RULES = "r";

    @Override
    public String id(RuleList list) {
        return list.scope();
    }

    @Override
    public Document encode(RuleList list) {
        Document rules = new Document();
        list.rules().forEach((ruleId, listed) -> {
            Document rule = new Document("v", listed.version());
            if (listed.status() != null) {
                rule.append("s", listed.status());
            }
            if (listed.resumeAfter() != null) {
                rule.append("ra", date(listed.resumeAfter()));
            }
            if (listed.exhaustedFrom() != null) {
                rule.append("x", date(listed.exhaustedFrom()));
            }
            if (listed.keptPrivate() != null) {
                rule.append("p", new Document("q", listed.keptPrivate().queue()).append("c", listed.keptPrivate().creator()));
            }
            rules.append(MapKeys.encode(ruleId), rule);
        });
        return new Document("_id", list.scope()).append(RULES, rules);
    }

    @Override
    public RuleList decode(Document document) {
        TreeMap<String, RuleList.Listed> rules = new TreeMap<>();
        Document held = document.get(RULES, Document.class);
        if (held != null) {
            held.forEach((key, value) -> {
                Document rule = (Document) value;
                Document kept = rule.get("p", Document.class);
                rules.put(MapKeys.decode(key), new RuleList.Listed(((Number) rule.get("v")).longValue(), rule.getString("s"),
                        instantOrNull(rule, "ra"), instantOrNull(rule, "x"),
                        kept == null ? null : new RuleList.KeptPrivate(kept.getString("q"), kept.getString("c"))));
            });
        }
        return new RuleList(document.getString("_id"), rules);
    }
}
