package dev.almanac.query.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The rules of one list scope, by id, with what a list needs to filter them without reading
 * them: their stored status, a pause's end, and from when their schedule has run its course.
 * Scopes are {@value #ALL} (every rule) and one per queue, owner and creator
 * ({@link #scopesOf(Rule)}), so that a filtered list reads one document by {@code _id}.
 *
 * <p>Derived from rule states, newest-wins per rule: a rule that left the scope (its queue or
 * owner changed) keeps a withdrawal at the version that moved it, so an older state applied late
 * does not put it back.
 */
public record RuleList(String scope, SortedMap<String, Listed> rules) {

    /** The scope of every rule. */
    public static final String ALL = "*";

    public RuleList {
        rules = Collections.unmodifiableSortedMap(new TreeMap<>(rules));
    }

    public static RuleList emptyOf(String scope) {
        return new RuleList(scope, new TreeMap<>());
    }

    public static String queue(String calendarId) {
        return "queue:" + calendarId;
    }

    public static String owner(String owner) {
        return "owner:" + owner;
    }

    public static String creator(String createdBy) {
        return "created_by:" + createdBy;
    }

    /** The scopes a rule is listed in; none before its creation is seen, which a list cannot show. */
    public static List<String> scopesOf(Rule rule) {
        List<String> scopes = new ArrayList<>();
        if (!rule.isDefined()) {
            return scopes;
        }
        scopes.add(ALL);
        if (rule.calendarId() != null) {
            scopes.add(queue(rule.calendarId()));
        }
        if (rule.metadata() != null && rule.metadata().owner() != null) {
            scopes.add(owner(rule.metadata().owner()));
        }
        if (rule.createdBy() != null) {
            scopes.add(creator(rule.createdBy()));
        }
        return scopes;
    }

    /** The list with the rule as {@code rule} stands, unless it holds a newer version of it. */
    public RuleList with(Rule rule) {
        return with(rule.id(), Listed.of(rule));
    }

    /** The list without the rule from {@code version} on, unless it holds a newer version of it. */
    public RuleList without(String ruleId, long version) {
        return with(ruleId, Listed.withdrawn(version));
    }

    private RuleList with(String ruleId, Listed listed) {
        return withAll(List.of(new Placement(ruleId, listed)));
    }

    /**
     * The list with every placement applied, each unless the list holds a newer version of its rule: one copy of the list
     * for a whole batch, where one per rule made a batch of 500 rules on a list of 10,000 copy five million entries.
     */
    public RuleList withAll(List<Placement> placements) {
        TreeMap<String, Listed> updated = null;
        for (Placement placement : placements) {
            Listed before = (updated == null ? rules : updated).get(placement.ruleId());
            if (before != null && before.version() >= placement.listed().version()) {
                continue;
            }
            if (updated == null) {
                updated = new TreeMap<>(rules);
            }
            updated.put(placement.ruleId(), placement.listed());
        }
        return updated == null ? this : new RuleList(scope, updated);
    }

    /** One rule listed as it stands, or withdrawn from a version on. */
    public record Placement(String ruleId, Listed listed) {

        static Placement listing(Rule rule) {
            return new Placement(rule.id(), Listed.of(rule));
        }

        static Placement withdrawal(String ruleId, long version) {
            return new Placement(ruleId, Listed.withdrawn(version));
        }
    }

    /**
     * One rule as a list knows it.
     *
     * @param status        the stored status ({@code active}, {@code paused}, {@code disabled}); null once the rule left this scope
     * @param resumeAfter   when a pause ends by itself
     * @param exhaustedFrom from when no occurrence of the rule is left; null for a schedule that never ends
     * @param keptPrivate   who sees the rule whole when it is private (ADR 0096); null for a rule anyone who reads its calendar sees
     */
    public record Listed(long version, @Nullable String status, @Nullable Instant resumeAfter, @Nullable Instant exhaustedFrom,
                         @Nullable KeptPrivate keptPrivate) {

        public Listed(long version, @Nullable String status, @Nullable Instant resumeAfter, @Nullable Instant exhaustedFrom) {
            this(version, status, resumeAfter, exhaustedFrom, null);
        }

        static Listed of(Rule rule) {
            KeptPrivate keptPrivate = rule.metadata() != null && rule.metadata().keptPrivate()
                    ? new KeptPrivate(rule.calendarId(), rule.createdBy())
                    : null;
            return new Listed(rule.version(), rule.status(), rule.resumeAfter(), rule.exhaustedFrom(), keptPrivate);
        }

        static Listed withdrawn(long version) {
            return new Listed(version, null, null, null, null);
        }

        public boolean isListed() {
            return status != null;
        }

        /** The status {@link Rule#statusAt} gives the rule at {@code now}. */
        public String statusAt(Instant now) {
            return Rule.statusAt(status == null ? Rule.DISABLED : status, resumeAfter, exhaustedFrom, now);
        }
    }

    /**
     * A private rule's calendar and creator, which decide who sees it whole: a list filtered by owner or creator must not
     * match a rule by a field the caller is not shown.
     */
    public record KeptPrivate(@Nullable String queue, @Nullable String creator) {
    }
}
