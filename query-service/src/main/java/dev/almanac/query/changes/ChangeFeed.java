package dev.almanac.query.changes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;

import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.problem.Violation;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.readmodel.KeyLookups;

/**
 * Reads the change log ({@link ChangeLog}) into pages (ADR 0080). Blocking: a controller calls it on a thread that may.
 * <ul>
 * <li>A <b>full sync</b> fixes the offsets the log holds when it starts, then pages through every entity's last change
 * in key order, telling those whose last change is within those offsets and that are on a calendar; the last page's sync
 * token is those offsets. An entity changed after them is left to the next sync, which tells its change.</li>
 * <li>A <b>sync with a token</b> fixes the offsets held now, then pages through the log's changes after the token's
 * offsets up to those, partition by partition, in offset order; the last page's sync token is the offsets it ran to.</li>
 * </ul>
 * Either way each change is told once: the offsets split the log without overlap, and the log holds a record's changes
 * before its offset counts as held.
 */
final class ChangeFeed {

    /** Marks a scope kept as the calendars shown (denied by default) rather than hidden: no calendar id starts with '!'. */
    private static final String SHOWN_SCOPE = "!shown";

    /** The log documents of one partition read in one round trip. */
    private static final int BLOCKS_A_READ = 8;
    /** The most log documents read in a page's first lookup. */
    private static final int PRELOADED_MAX = 200;
    /** The most offsets a page's first lookup names as fields, beyond which it reads whole log documents. */
    private static final int FIELDS_READ_MAX = 1_000;

    private final MongoCollection<Document> log;
    private final MongoCollection<Document> latest;
    private final MongoCollection<Document> heads;
    private final FeedScopes scopes;
    private final FeedTokens tokens;
    private final Duration timeout;
    private final BooleanSupplier caughtUp;

    /** @param caughtUp whether the store holds what the topics held when this process started (ADR 0014) */
    ChangeFeed(MongoDatabase database, FeedTokens tokens, Duration timeout, BooleanSupplier caughtUp) {
        this.caughtUp = caughtUp;
        this.log = database.getCollection(ChangeLog.LOG);
        this.latest = database.getCollection(ChangeLog.LATEST);
        this.heads = database.getCollection(ChangeLog.HEADS);
        this.scopes = new FeedScopes(database);
        this.tokens = tokens;
        this.timeout = timeout;
    }

    /** A page of a full sync: the first when {@code page} is null. */
    FeedPage fullSync(String caller, CalendarVisibility visibility, @Nullable FeedToken page, int limit, String field) {
        List<FeedChange> told = new ArrayList<>();
        String scope = scope(visibility, page, field, told);
        Positions to = page == null ? heads().through() : page.to();
        String after = page == null ? null : page.after();
        boolean more = false;
        String last = after;
        read:
        while (true) {
            int chunk = Math.max(limit * 2, 100);
            List<Document> found = Flux.from(latest.find(last == null ? new Document() : Filters.gt("_id", last))
                    .sort(Sorts.ascending("_id")).limit(chunk)).collectList().block(timeout);
            for (Document document : found) {
                last = document.getString("_id");
                FeedChange change = FeedChange.fromDocument(document);
                long offset = ((Number) document.get("offset")).longValue();
                String partition = ChangeLog.partitionId(document.getString("topic"), ((Number) document.get("partition")).intValue());
                if (change.removed() || offset > to.of(partition) || !visibility.shows(change.calendarId())) {
                    continue;
                }
                if (told.size() == limit) {
                    more = true;
                    break read;
                }
                told.add(new FeedChange(change.kind(), change.id(), change.calendarId(), change.version(),
                        FeedChange.CREATED, null, change.state()));
                after = last;
            }
            if (found.size() < chunk) {
                break;
            }
        }
        if (more) {
            return new FeedPage(told, true, tokens.sign(new FeedToken(FeedToken.Kind.FULL_PAGE, FeedTokens.callerDigest(caller),
                    tokens.now(), scope, Positions.NONE, to, after)), null);
        }
        return new FeedPage(told, true, null, syncToken(caller, scope, to));
    }

    /** A page of the changes after a sync token, or the next page of them. */
    FeedPage changes(String caller, CalendarVisibility visibility, FeedToken token, int limit, String field) {
        List<FeedChange> told = new ArrayList<>();
        String scope = scope(visibility, token, field, told);
        Positions from = token.from();
        Positions to;
        Cursor cursor = null;
        if (token.kind() == FeedToken.Kind.SYNC) {
            Heads now = heads();
            check(from, now, field);
            to = ahead(from, now.through());
        } else {
            to = token.to();
            cursor = Cursor.parse(token.after()).orElseThrow(() -> ProblemException.invalid(field, "format", field
                    + " must be a next_page_token of this endpoint"));
        }
        Map<String, Document> preloaded = preload(from, to, cursor);
        for (String partition : to.through().keySet()) {
            if (to.of(partition) <= from.of(partition) || cursor != null && partition.compareTo(cursor.partition) < 0) {
                continue;
            }
            long start = cursor != null && partition.equals(cursor.partition) ? cursor.offset : from.of(partition) + 1;
            int skipThrough = cursor != null && partition.equals(cursor.partition) ? cursor.index : -1;
            long end = to.of(partition);
            for (long block = start / ChangeLog.BLOCK; block <= end / ChangeLog.BLOCK; block += BLOCKS_A_READ) {
                Map<Long, Document> blocks = blocks(partition, block, Math.min(block + BLOCKS_A_READ - 1, end / ChangeLog.BLOCK), preloaded);
                for (long number = block; number < block + BLOCKS_A_READ && number <= end / ChangeLog.BLOCK; number++) {
                    Document offsets = blocks.getOrDefault(number, new Document()).get("o", new Document());
                    TreeMap<Long, List<Document>> byOffset = new TreeMap<>();
                    offsets.forEach((key, changes) -> byOffset.put(Long.parseLong(key), documents((Document) changes)));
                    for (Map.Entry<Long, List<Document>> entry : byOffset.subMap(start, true, end, true).entrySet()) {
                        List<Document> changes = entry.getValue();
                        for (int index = 0; index < changes.size(); index++) {
                            if (entry.getKey() == start && index <= skipThrough) {
                                continue;
                            }
                            FeedChange change = FeedChange.fromDocument(changes.get(index));
                            if (!visibility.shows(change.calendarId())) {
                                continue;
                            }
                            if (told.size() >= limit) {
                                String after = new Cursor(partition, entry.getKey(), index - 1).text();
                                return new FeedPage(told, false, tokens.sign(new FeedToken(FeedToken.Kind.CHANGES_PAGE,
                                        FeedTokens.callerDigest(caller), tokens.now(), scope, from, to, after)), null);
                            }
                            told.add(change);
                        }
                    }
                }
            }
        }
        return new FeedPage(told, false, null, syncToken(caller, scope, to));
    }

    /** A first sync token: every change from now on. */
    private String syncToken(String caller, String scope, Positions through) {
        return tokens.sign(new FeedToken(FeedToken.Kind.SYNC, FeedTokens.callerDigest(caller), tokens.now(), scope, through,
                Positions.NONE, null));
    }

    /**
     * The digest of the calendars hidden from the caller now, kept for later syncs. A token given under another set: the
     * calendars the caller lost since are told as removed ({@code access_revoked}), and one the caller gained makes the
     * token gone, since the changes before it of the calendars gained were never told.
     */
    private String scope(CalendarVisibility visibility, @Nullable FeedToken token, String field, List<FeedChange> told) {
        // Denied by default, the scope is what the caller sees: compared by what they hide, a calendar someone else created
        // since would be told as one the caller lost, and its id with it (ADR 0086).
        boolean byShown = visibility.shown() != null;
        SortedSet<String> kept = new TreeSet<>(byShown ? visibility.shown() : visibility.hidden());
        if (byShown) {
            kept.add(SHOWN_SCOPE);
        }
        String now = scopes.keep(kept).block(timeout);
        if (token == null || token.scope().equals(now)) {
            return now;
        }
        Optional<SortedSet<String>> before = scopes.find(token.scope()).block(timeout);
        if (before == null || before.isEmpty() || before.get().contains(SHOWN_SCOPE) != byShown) {
            throw gone(field, "access_changed", "the calendars the token was given for are unknown to this service; start a full sync");
        }
        FeedScopes.Difference difference = byShown ? FeedScopes.Difference.between(kept, before.get())
                : FeedScopes.Difference.between(before.get(), kept);
        if (!difference.gained().isEmpty()) {
            throw gone(field, "access_changed", "you may read calendars you could not when the token was given ("
                    + String.join(", ", difference.gained()) + "); start a full sync to get them");
        }
        difference.lost().forEach(calendar -> told.add(FeedChange.accessRevoked(calendar)));
        return now;
    }

    /**
     * The offsets a sync runs to: those the log holds now, but never before the token's own. A store rebuilding from the
     * topics (ADR 0014) holds less than a token given before it was emptied; it writes the same changes at the same offsets
     * again, so those up to the token's are the ones its client has.
     */
    private static Positions ahead(Positions from, Positions held) {
        Map<String, Long> to = new HashMap<>(held.through());
        from.through().forEach((partition, offset) -> to.merge(partition, offset, Math::max));
        return Positions.of(to);
    }

    /**
     * The token's offsets are within what the log holds once the store has caught up with the topics, and the log still
     * reaches back to them.
     */
    private void check(Positions from, Heads heads, String field) {
        for (Map.Entry<String, Long> entry : from.through().entrySet()) {
            if (entry.getValue() > heads.through().of(entry.getKey()) && caughtUp.getAsBoolean()) {
                throw gone(field, "unknown_positions", "the token names offsets this service does not hold (" + entry.getKey() + " at "
                        + entry.getValue() + "): it comes from another environment or an older store; start a full sync");
            }
        }
        heads.origins().forEach((partition, origin) -> {
            if (origin > from.of(partition) + 1) {
                throw gone(field, "expired", "the change log of " + partition + " no longer reaches back to the token; start a full sync");
            }
        });
    }

    static ProblemException gone(String field, String rule, String message) {
        return new ProblemException(HttpStatus.GONE, ProblemTypes.GONE, "Sync token gone", message, List.of(new Violation(field, rule, message)));
    }

    private Heads heads() {
        Map<String, Long> through = new HashMap<>();
        Map<String, Long> origins = new HashMap<>();
        Flux.from(heads.find()).doOnNext(document -> {
            through.put(document.getString("_id"), ((Number) document.get("through")).longValue());
            origins.put(document.getString("_id"), ((Number) document.get("origin")).longValue());
        }).then().block(timeout);
        return new Heads(Positions.of(through), origins);
    }

    /**
     * The first log documents of every partition a page reads, in one lookup: a sync a second apart reads one block of each
     * partition with changes, and one round trip beats one per partition. Bounded; the rest is read partition by partition.
     */
    private Map<String, Document> preload(Positions from, Positions to, @Nullable Cursor cursor) {
        List<String> ids = new ArrayList<>();
        for (String partition : to.through().keySet()) {
            if (to.of(partition) <= from.of(partition) || cursor != null && partition.compareTo(cursor.partition) < 0) {
                continue;
            }
            long start = cursor != null && partition.equals(cursor.partition) ? cursor.offset : from.of(partition) + 1;
            long last = Math.min(start / ChangeLog.BLOCK + BLOCKS_A_READ - 1, to.of(partition) / ChangeLog.BLOCK);
            for (long number = start / ChangeLog.BLOCK; number <= last && ids.size() < PRELOADED_MAX; number++) {
                ids.add(partition + "/" + number);
            }
        }
        Map<String, Document> found = new HashMap<>();
        KeyLookups.byIds(log, ids, offsetsRead(from, to, cursor)).doOnNext(document -> found.put(document.getString("_id"), document))
                .then().block(timeout);
        ids.forEach(id -> found.putIfAbsent(id, new Document("_id", id)));
        return found;
    }

    /**
     * The offsets a page reads from its first log documents, as fields to fetch, when they are few: a sync a second reads a
     * few new records of a block that holds up to {@value ChangeLog#BLOCK}, and fetching the whole block cost it most of its
     * time. Null, for the whole documents, when the page reaches back further.
     */
    private static @Nullable List<String> offsetsRead(Positions from, Positions to, @Nullable Cursor cursor) {
        Set<String> fields = new TreeSet<>();
        for (String partition : to.through().keySet()) {
            if (to.of(partition) <= from.of(partition) || cursor != null && partition.compareTo(cursor.partition) < 0) {
                continue;
            }
            long start = cursor != null && partition.equals(cursor.partition) ? cursor.offset : from.of(partition) + 1;
            long end = Math.min(to.of(partition), (start / ChangeLog.BLOCK + BLOCKS_A_READ) * ChangeLog.BLOCK - 1);
            if (end - start + 1 + fields.size() > FIELDS_READ_MAX) {
                return null;
            }
            for (long offset = start; offset <= end; offset++) {
                fields.add("o." + offset);
            }
        }
        return fields.isEmpty() ? null : List.copyOf(fields);
    }

    private Map<Long, Document> blocks(String partition, long first, long last, Map<String, Document> preloaded) {
        List<String> ids = new ArrayList<>();
        Map<Long, Document> blocks = new HashMap<>();
        for (long number = first; number <= last; number++) {
            Document known = preloaded.get(partition + "/" + number);
            if (known != null) {
                blocks.put(number, known);
            } else {
                ids.add(partition + "/" + number);
            }
        }
        KeyLookups.byIds(log, ids, null).doOnNext(document -> {
            String id = document.getString("_id");
            blocks.put(Long.parseLong(id.substring(id.lastIndexOf('/') + 1)), document);
        }).then().block(timeout);
        return blocks;
    }

    /** One record's changes, by entity, in the order they were written. */
    private static List<Document> documents(Document changes) {
        List<Document> documents = new ArrayList<>(changes.size());
        changes.values().forEach(change -> documents.add((Document) change));
        return documents;
    }

    private record Heads(Positions through, Map<String, Long> origins) {
    }

    /** Where a page of changes starts: after change {@code index} of the record at {@code offset} of {@code partition}. */
    private record Cursor(String partition, long offset, int index) {

        String text() {
            return partition + "@" + offset + "#" + index;
        }

        static Optional<Cursor> parse(@Nullable String text) {
            if (text == null) {
                return Optional.empty();
            }
            int at = text.lastIndexOf('@');
            int hash = text.lastIndexOf('#');
            if (at <= 0 || hash < at) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Cursor(text.substring(0, at), Long.parseLong(text.substring(at + 1, hash)),
                        Integer.parseInt(text.substring(hash + 1))));
            } catch (NumberFormatException notACursor) {
                return Optional.empty();
            }
        }
    }
}
