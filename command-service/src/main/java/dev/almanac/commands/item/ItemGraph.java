package dev.almanac.commands.item;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemId;

/**
 * The links and dependencies between items as a graph ({@code item_link}, {@code item_dependency},
 * kept by {@link ItemGraphLedger} in the commands' own transactions), read without any aggregate's
 * lock. A change that spans several items reads here which items it takes along, and only then locks
 * them, in the order of their ids; the items' own state, read under the locks, has the last word
 * ({@link ItemGroup#verify}). See ADR 0022.
 */
@Component
class ItemGraph implements KnownItems {

    /**
     * Every item a change of {@code ?} takes along, with the edge it was reached by. The lateral
     * join keeps each step to index lookups; {@code UNION} drops pairs already seen, so the walk
     * ends even on a graph with a cycle.
     */
    private static final String CASCADE = """
            WITH RECURSIVE reached(item_id, via) AS (
                SELECT CAST(? AS VARCHAR(128)), CAST('root' AS TEXT)
              UNION
                SELECT edge.child, edge.via
                FROM reached, LATERAL (
                    SELECT d.item_id AS child, CAST('dependent' AS TEXT) AS via FROM item_dependency d WHERE d.depends_on = reached.item_id
                    UNION ALL
                    SELECT l.follower_id, CAST('follower' AS TEXT) FROM item_link l WHERE l.primary_id = reached.item_id) AS edge
            )
            SELECT item_id, via FROM reached LIMIT ?""";

    private static final String REACHES = """
            WITH RECURSIVE reached(item_id) AS (
                SELECT CAST(? AS VARCHAR(128))
              UNION
                SELECT edge.child
                FROM reached, LATERAL (
                    SELECT d.item_id AS child FROM item_dependency d WHERE d.depends_on = reached.item_id
                    UNION ALL
                    SELECT l.follower_id FROM item_link l WHERE l.primary_id = reached.item_id) AS edge
            )
            SELECT EXISTS (SELECT 1 FROM reached WHERE item_id = ?)""";

    /** The prefix of an item's dependency lock: held alone by its deletion, shared by each new item depending on it. */
    private static final String DEPENDENCY_LOCK = "item-dependency:";

    private final JdbcTemplate jdbc;

    ItemGraph(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The items a move or cancellation of {@code root} takes along: its followers and, with
     * {@code cascade}, every item that depends on it, directly or through others, and their
     * followers. At most {@code limit} are read; {@link Reach#size()} above it says there are more.
     */
    Reach reach(ItemId root, boolean cascade, int limit) {
        Map<ItemId, Boolean> dependents = new LinkedHashMap<>();
        dependents.put(root, false);
        if (!cascade) {
            for (String follower : jdbc.queryForList("SELECT follower_id FROM item_link WHERE primary_id = ? ORDER BY follower_id",
                    String.class, root.value())) {
                dependents.putIfAbsent(ItemId.of(follower), false);
            }
            return new Reach(Set.of(root), dependents);
        }
        // An item is reached at most once per kind of edge, so three rows per item are enough to count limit + 1.
        jdbc.query(CASCADE, row -> {
            ItemId item = ItemId.of(row.getString("item_id"));
            boolean viaDependency = "dependent".equals(row.getString("via"));
            dependents.merge(item, viaDependency, Boolean::logicalOr);
        }, root.value(), 3 * (limit + 1));
        return new Reach(Set.of(root), dependents);
    }

    /** The followers of each of {@code primaries}, each with its primary. */
    Map<ItemId, ItemId> followersOf(Collection<ItemId> primaries) {
        if (primaries.isEmpty()) {
            return Map.of();
        }
        Map<ItemId, ItemId> followers = new HashMap<>();
        jdbc.query("SELECT follower_id, primary_id FROM item_link WHERE primary_id IN (" + placeholders(primaries.size()) + ")",
                row -> {
                    followers.put(ItemId.of(row.getString("follower_id")), ItemId.of(row.getString("primary_id")));
                }, primaries.stream().map(ItemId::value).toArray());
        return followers;
    }

    /**
     * The items that depend directly on {@code item}, in the order of their ids, read after taking the item's dependency
     * lock alone for the rest of the command: a deletion that finds none commits before any new dependency on the item
     * is checked ({@link #absent}), and one that a new dependency committed before sees it.
     */
    List<ItemId> dependentsOf(ItemId item) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rows -> { }, DEPENDENCY_LOCK + item.value());
        return jdbc.queryForList("SELECT item_id FROM item_dependency WHERE depends_on = ? ORDER BY item_id", String.class, item.value())
                .stream().map(ItemId::of).toList();
    }

    /** The primary {@code follower} follows, if any. */
    Optional<ItemId> primaryOf(ItemId follower) {
        return jdbc.queryForList("SELECT primary_id FROM item_link WHERE follower_id = ?", String.class, follower.value()).stream()
                .findFirst().map(ItemId::of);
    }

    /** Whether {@code to} depends on {@code from}, or follows it or one of its dependents, directly or through others. */
    boolean reaches(ItemId from, ItemId to) {
        return Boolean.TRUE.equals(jdbc.queryForObject(REACHES, Boolean.class, from.value(), to.value()));
    }

    /**
     * Takes the one lock that every link takes for the rest of its transaction, so that a link's
     * cycle check ({@link #reaches}) sees every link committed before it: two links that would
     * close a cycle only together cannot both pass it. Links are rare; moves never take this lock.
     */
    void holdLinks() {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended('item-links', 0))", rows -> { });
    }

    /**
     * Looks up the first event of each item's stream, and its tombstone, on the event store's unique key; first holds
     * each item's dependency lock shared, as {@link #dependentsOf} holds it alone, so a deletion and a new dependency on
     * the same item are decided one after the other, never both beside each other.
     */
    @Override
    public Map<ItemId, Absence> absent(List<ItemId> items) {
        if (items.isEmpty()) {
            return Map.of();
        }
        // In the order of the ids, as every lock of several items is taken.
        items.stream().map(ItemId::value).sorted().distinct().forEach(item ->
                jdbc.query("SELECT pg_advisory_xact_lock_shared(hashtextextended(?, 0))", rows -> { }, DEPENDENCY_LOCK + item));
        Object[] ids = items.stream().map(StoreIds::item).toArray();
        Set<String> scheduled = new HashSet<>(jdbc.queryForList("SELECT aggregateidentifier FROM domainevententry"
                + " WHERE sequencenumber = 0 AND aggregateidentifier IN (" + placeholders(items.size()) + ")", String.class, ids));
        Set<String> deleted = new HashSet<>(jdbc.queryForList("SELECT aggregateidentifier FROM domainevententry"
                + " WHERE payloadtype = ? AND aggregateidentifier IN (" + placeholders(items.size()) + ")", String.class,
                prepend(ItemDeleted.class.getName(), ids)));
        Map<ItemId, Absence> absent = new LinkedHashMap<>();
        for (ItemId item : items) {
            String stored = StoreIds.item(item);
            if (!scheduled.contains(stored)) {
                absent.put(item, Absence.NEVER_SCHEDULED);
            } else if (deleted.contains(stored)) {
                absent.put(item, Absence.DELETED);
            }
        }
        return absent;
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /**
     * What a change of the {@code roots} (the items a request names) takes along: each item with
     * whether a dependency led to it (else it is a root or a follower of an item reached).
     */
    record Reach(Set<ItemId> roots, Map<ItemId, Boolean> viaDependency) {

        Reach {
            roots = Set.copyOf(roots);
            viaDependency = Map.copyOf(viaDependency);
        }

        /** The roots and their followers, none reached by a dependency. */
        static Reach of(Collection<ItemId> roots, Collection<ItemId> followers) {
            Map<ItemId, Boolean> items = new HashMap<>();
            roots.forEach(root -> items.put(root, false));
            followers.forEach(follower -> items.put(follower, false));
            return new Reach(Set.copyOf(roots), items);
        }

        boolean isRoot(ItemId item) {
            return roots.contains(item);
        }

        int size() {
            return viaDependency.size();
        }

        Set<ItemId> items() {
            return viaDependency.keySet();
        }

        boolean contains(ItemId item) {
            return viaDependency.containsKey(item);
        }

        boolean isDependent(ItemId item) {
            return Boolean.TRUE.equals(viaDependency.get(item));
        }
    }
}
