package dev.almanac.rules.rule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.rule.CatchupPolicy;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.recurrence.RecurrenceDocuments;
import dev.almanac.recurrence.SeriesExceptions;

/**
 * Rule state, one document per rule id in the {@code rules} collection. Nothing about a rule is
 * held in memory: any replica can handle any rule event or advance any rule's horizon.
 *
 * <p>Instants that are only read back ({@code active_from}, {@code created_at}) are stored as
 * ISO-8601 text so that they survive exactly; {@code materialised_until} is queried by range
 * and stored as a BSON date, whose millisecond precision every value written to it has.
 */
@Component
public class RuleStore {

    public static final String COLLECTION = "rules";
    /** The aggregate version of the last rule event applied: every write is guarded by it. */
    static final String VERSION = "version";
    static final String STATUS = "status";
    static final String MATERIALISED_UNTIL = "materialised_until";
    static final String PAUSED_AT = "paused_at";
    static final String RESUME_AFTER = "resume_after";
    static final String DELETED_AT = "deleted_at";
    static final String RETRACTION_PENDING = "retraction_pending";
    /** Absent on rules stored before dialects: UNIX. */
    static final String CRON_DIALECT = "cron_dialect";
    /** Absent or null for a rule scheduled by its cron. */
    static final String RRULE = "rrule";
    /** The definition a pending update replaced, in the same fields as the rule's own. */
    static final String REPLACED = "replaced";
    static final String UPDATED_AT = "updated_at";
    static final String EXCEPTION_PENDING = "exception_pending";
    /** The missed-run check (ADR 0023): how far it went, the moves it checked, and the log of pauses it still needs. */
    static final String MISSED_CHECKED_UNTIL = "missed_checked_until";
    /** Absent on rules stored before catch-up policies: none. */
    static final String CATCHUP_POLICY = "catchup_policy";
    static final String CHECKED_MOVES = "checked_moves";
    /** What each occurrence books ({@code resource_id}, {@code role}); absent on rules stored before rules booked resources: none. */
    static final String RESOURCES = "resources";
    static final String HEARTBEAT = "heartbeat";
    static final String PAUSE_LOG = "pause_log";

    /** Each guarded write's fields, by the name of the unique index that answers it (see {@link #createIndexes}). */
    private static final Map<String, List<String>> GUARDS = Map.of(
            "guard_version", List.of("_id", VERSION),
            "guard_materialised", List.of("_id", VERSION, MATERIALISED_UNTIL),
            "guard_missed_check", List.of("_id", VERSION, MISSED_CHECKED_UNTIL),
            "guard_lapsed_pause", List.of("_id", VERSION, STATUS, RESUME_AFTER));

    private final MongoCollection<Document> rules;

    public RuleStore(MongoDatabase database) {
        this.rules = database.getCollection(COLLECTION);
    }

    /**
     * The horizon timer's query and the lag gauge (active rules by how far they are published), the
     * missed-run check's (rules by how far they are checked), and one unique index per shape of
     * guarded write (ADR 0031). mongo-java-server answers a query from an index only when the query
     * names exactly that index's fields, so without them every guarded write to one rule walks all
     * rules. On MongoDB they are redundant beside {@code _id}, and cheap: their fields change a few
     * times per rule and minute.
     */
    public Mono<Void> createIndexes() {
        return Mono.from(rules.createIndex(Indexes.ascending(STATUS, MATERIALISED_UNTIL)))
                .then(Mono.from(rules.createIndex(Indexes.ascending(MISSED_CHECKED_UNTIL))))
                .thenMany(Flux.fromIterable(GUARDS.entrySet())
                        .concatMap(guard -> rules.createIndex(Indexes.ascending(guard.getValue()),
                                new IndexOptions().unique(true).name(guard.getKey()))))
                .then();
    }

    /**
     * Rules stored before the missed-run check have no place in it: they are checked from
     * {@code now} on, so that an upgrade does not report as missed what ran before it was watched.
     * A no-op once every rule has one.
     */
    public Mono<Long> startMissedCheckAt(Instant now) {
        return Mono.from(rules.updateMany(Filters.exists(MISSED_CHECKED_UNTIL, false), Updates.set(MISSED_CHECKED_UNTIL, Date.from(now))))
                .map(result -> result.getModifiedCount());
    }

    /**
     * Stores a rule from its creating event, at most once. The creation is a rule's first version,
     * so a document already there holds it or a newer one: nothing is published yet and
     * {@code materialised_until} starts at the rule's {@code active_from}, and a redelivered creation
     * collides on {@code _id} and changes nothing, so never moves {@code materialised_until} back.
     *
     * @return true if the rule was stored, false if the store already held it
     */
    public Mono<Boolean> recordCreation(StoredRule rule) {
        RuleOrigin origin = rule.origin();
        Document document = new Document("_id", rule.ruleId().value())
                .append(VERSION, rule.version());
        document.putAll(definitionDocument(rule.definition()));
        document.append(STATUS, lower(rule.status()))
                .append("created_at", origin.time().toString())
                .append("created_by", origin.actor())
                .append("correlation_id", origin.correlationId())
                .append("traceparent", origin.traceparent())
                .append(MATERIALISED_UNTIL, Date.from(rule.materialisedUntil()))
                .append(MISSED_CHECKED_UNTIL, Date.from(rule.missedCheck().checkedUntil()));
        return Mono.from(rules.insertOne(document))
                .thenReturn(true)
                .onErrorResume(RuleStore::isDuplicateKey, duplicate -> Mono.just(false));
    }

    /**
     * Replaces a stored rule's definition at {@code version}, at most once, keeping the one it
     * replaces until {@link #updateDone}: the difference between the two is decided from the stored
     * state, so a redelivery after a crash publishes it again. Conditional on the version read, so
     * nothing written meanwhile is lost; {@code materialised_until} and the lifecycle stay.
     *
     * @return true if this call stored the update, false if the store holds this version or a newer one
     */
    public Mono<Boolean> recordUpdate(StoredRule current, long version, RuleDefinition replacement, Instant updatedAt) {
        if (current.version() >= version) {
            return Mono.just(false);
        }
        List<Bson> updates = new ArrayList<>(definitionUpdates(replacement));
        updates.add(Updates.set(REPLACED, definitionDocument(current.definition())));
        updates.add(Updates.set(UPDATED_AT, Date.from(updatedAt)));
        updates.add(Updates.set(VERSION, version));
        Bson filter = guard(current.ruleId(), current.version());
        return Mono.from(rules.updateOne(filter, Updates.combine(updates))).map(result -> result.getModifiedCount() == 1);
    }

    /**
     * Stores the series' exceptions as an exception or missed-run decision at {@code version} leaves
     * them, at most once, marking what it publishes as pending until {@link #exceptionDone}.
     * Conditional on the version read, like an update; the definition and lifecycle stay.
     *
     * @return true if this call stored them, false if the store holds this version or a newer one
     */
    public Mono<Boolean> recordExceptions(StoredRule current, long version, SeriesExceptions exceptions) {
        if (current.version() >= version) {
            return Mono.just(false);
        }
        Bson filter = guard(current.ruleId(), current.version());
        return Mono.from(rules.updateOne(filter, Updates.combine(
                        Updates.set(RecurrenceDocuments.CANCELLED, RecurrenceDocuments.cancelled(exceptions)),
                        Updates.set(RecurrenceDocuments.MOVED, RecurrenceDocuments.moved(exceptions)),
                        Updates.set(RecurrenceDocuments.ENDS_AT, RecurrenceDocuments.endsAt(exceptions)),
                        Updates.set(EXCEPTION_PENDING, true),
                        Updates.set(VERSION, version))))
                .map(result -> result.getModifiedCount() == 1);
    }

    /** Records that what the exception at {@code version} publishes is all acknowledged. */
    public Mono<Boolean> exceptionDone(RuleId ruleId, long version) {
        return Mono.from(rules.updateOne(guard(ruleId, version),
                        Updates.set(EXCEPTION_PENDING, false)))
                .map(result -> result.getModifiedCount() == 1);
    }

    /** Records that the update at {@code version} has its difference published and acknowledged. */
    public Mono<Boolean> updateDone(RuleId ruleId, long version) {
        return Mono.from(rules.updateOne(guard(ruleId, version),
                        Updates.combine(Updates.unset(REPLACED), Updates.unset(UPDATED_AT))))
                .map(result -> result.getModifiedCount() == 1);
    }

    /**
     * Pauses a stored rule at {@code version}, at most once: its horizon stops, and the
     * occurrences the pause withdraws are marked for retraction. A rule this store does not hold
     * (its creation was dead-lettered) is left absent rather than created half-known.
     *
     * @return true if this call paused it, false if the store holds no such rule or this version or a newer one
     */
    public Mono<Boolean> recordPause(RuleId ruleId, long version, Instant pausedAt, @Nullable Instant resumeAfter) {
        return updateIfNewer(ruleId, version, Updates.combine(
                Updates.set(STATUS, lower(RuleStatus.PAUSED)),
                Updates.set(PAUSED_AT, Date.from(pausedAt)),
                Updates.set(RESUME_AFTER, resumeAfter == null ? null : Date.from(resumeAfter)),
                Updates.set(RETRACTION_PENDING, true),
                Updates.push(PAUSE_LOG, pauseEntry(new MissedCheck.PauseEntry(false, pausedAt, resumeAfter)))));
    }

    /**
     * Resumes a stored rule at {@code version}, at most once: it is active again, and published from
     * {@code resumedAt} on, so the next pass materialises from there.
     */
    public Mono<Boolean> recordResume(RuleId ruleId, long version, Instant resumedAt) {
        return updateIfNewer(ruleId, version, Updates.combine(
                Updates.set(STATUS, lower(RuleStatus.ACTIVE)),
                Updates.unset(PAUSED_AT),
                Updates.unset(RESUME_AFTER),
                Updates.set(RETRACTION_PENDING, false),
                Updates.set(MATERIALISED_UNTIL, Date.from(resumedAt)),
                Updates.push(PAUSE_LOG, pauseEntry(new MissedCheck.PauseEntry(true, resumedAt, null)))));
    }

    /** Deletes a stored rule at {@code version}, at most once: its horizon stops for good, and its occurrences from {@code deletedAt} are marked for retraction. */
    public Mono<Boolean> recordDeletion(RuleId ruleId, long version, Instant deletedAt) {
        return updateIfNewer(ruleId, version, Updates.combine(
                Updates.set(STATUS, lower(RuleStatus.DELETED)),
                Updates.unset(PAUSED_AT),
                Updates.unset(RESUME_AFTER),
                Updates.set(DELETED_AT, Date.from(deletedAt)),
                Updates.set(RETRACTION_PENDING, true),
                Updates.push(PAUSE_LOG, pauseEntry(new MissedCheck.PauseEntry(false, deletedAt, null)))));
    }

    /**
     * Rules whose check has not reached {@code before}, the least checked first, at most
     * {@code limit} of them: the missed-run check takes them on, on whichever replica runs it.
     */
    public Flux<StoredRule> dueForMissedCheck(Instant before, int limit) {
        return Flux.from(rules.find(Filters.lt(MISSED_CHECKED_UNTIL, Date.from(before)))
                        .sort(Sorts.ascending(MISSED_CHECKED_UNTIL))
                        .limit(limit))
                .map(RuleStore::stored);
    }

    /**
     * Records a check: its standing occurrences are checked up to {@code next}, and its moves and
     * pause log are as given. Conditional on the version and the check this replica read, so two
     * replicas that checked the same occurrences record it once and never move it backwards; a rule
     * event stored meanwhile makes the check run again, over the rule as it now stands.
     *
     * @return true if this call recorded it
     */
    public Mono<Boolean> recordMissedCheck(StoredRule rule, Instant next, MissedCheck after) {
        Bson filter = guard(rule.ruleId(), rule.version()).append(MISSED_CHECKED_UNTIL, Date.from(rule.missedCheck().checkedUntil()));
        return Mono.from(rules.updateOne(filter, Updates.combine(
                        Updates.set(MISSED_CHECKED_UNTIL, Date.from(next)),
                        Updates.set(CHECKED_MOVES, after.checkedMoves().entrySet().stream()
                                .map(move -> new Document("r", Date.from(move.getKey())).append("s", Date.from(move.getValue())))
                                .toList()),
                        Updates.set(PAUSE_LOG, after.pauses().stream().map(RuleStore::pauseEntry).toList()))))
                .map(result -> result.getModifiedCount() == 1);
    }

    private static Document pauseEntry(MissedCheck.PauseEntry entry) {
        return new Document("resume", entry.resume()).append("at", Date.from(entry.at()))
                .append("until", entry.until() == null ? null : Date.from(entry.until()));
    }

    /** Absent on rules stored before the check: {@code materialised_until}, until {@link #startMissedCheckAt} sets it. */
    private static MissedCheck missedCheck(Document document) {
        Date checkedUntil = document.getDate(MISSED_CHECKED_UNTIL);
        Map<Instant, Instant> moves = new HashMap<>();
        for (Document move : document.getList(CHECKED_MOVES, Document.class, List.of())) {
            moves.put(move.getDate("r").toInstant(), move.getDate("s").toInstant());
        }
        List<MissedCheck.PauseEntry> pauses = document.getList(PAUSE_LOG, Document.class, List.of()).stream()
                .map(entry -> new MissedCheck.PauseEntry(Boolean.TRUE.equals(entry.getBoolean("resume")), entry.getDate("at").toInstant(),
                        instant(entry, "until")))
                .toList();
        return new MissedCheck(checkedUntil == null ? document.getDate(MATERIALISED_UNTIL).toInstant() : checkedUntil.toInstant(), moves,
                pauses);
    }

    /** Records that the pause's or deletion's retractions at {@code version} are all published and acknowledged. */
    public Mono<Boolean> retractionDone(RuleId ruleId, long version) {
        return Mono.from(rules.updateOne(guard(ruleId, version),
                        Updates.set(RETRACTION_PENDING, false)))
                .map(result -> result.getModifiedCount() == 1);
    }

    /**
     * Paused rules whose {@code resume_after} has passed at {@code now} and whose retraction is done,
     * at most {@code limit} of them: the horizon timer resumes them, on whichever replica runs it.
     */
    public Flux<StoredRule> dueToResume(Instant now, int limit) {
        return Flux.from(rules.find(Filters.and(
                                Filters.eq(STATUS, lower(RuleStatus.PAUSED)),
                                Filters.lte(RESUME_AFTER, Date.from(now)),
                                Filters.eq(RETRACTION_PENDING, false)))
                        .sort(Sorts.ascending(RESUME_AFTER))
                        .limit(limit))
                .map(RuleStore::stored);
    }

    /**
     * Ends a pause whose {@code resume_after} has passed, without a new version: the rule is active
     * again and published from the later of where it was and {@code resume_after}, so nothing of
     * the pause is materialised. Conditional on the pause this replica read, so two replicas resume
     * it once.
     *
     * @return true if this call resumed it
     */
    public Mono<Boolean> resumeLapsedPause(StoredRule rule) {
        Instant resumeAfter = rule.resumeAfter();
        if (rule.status() != RuleStatus.PAUSED || resumeAfter == null) {
            return Mono.just(false);
        }
        Instant from = rule.materialisedUntil().isAfter(resumeAfter) ? rule.materialisedUntil() : resumeAfter;
        Bson filter = guard(rule.ruleId(), rule.version())
                .append(STATUS, lower(RuleStatus.PAUSED))
                .append(RESUME_AFTER, Date.from(resumeAfter));
        return Mono.from(rules.updateOne(filter, Updates.combine(
                        Updates.set(STATUS, lower(RuleStatus.ACTIVE)),
                        Updates.unset(PAUSED_AT),
                        Updates.unset(RESUME_AFTER),
                        Updates.set(MATERIALISED_UNTIL, Date.from(from)))))
                .map(result -> result.getModifiedCount() == 1);
    }

    public Mono<StoredRule> find(RuleId ruleId) {
        return Mono.from(rules.find(Filters.eq("_id", ruleId.value())).first()).map(RuleStore::stored);
    }

    /**
     * Active rules published only up to before {@code horizonEnd}, the furthest behind first, at
     * most {@code limit} of them.
     */
    public Flux<StoredRule> behind(Instant horizonEnd, int limit) {
        return Flux.from(rules.find(Filters.and(
                                Filters.eq(STATUS, lower(RuleStatus.ACTIVE)),
                                Filters.lt(MATERIALISED_UNTIL, Date.from(horizonEnd))))
                        .sort(Sorts.ascending(MATERIALISED_UNTIL))
                        .limit(limit))
                .map(RuleStore::stored);
    }

    /**
     * Moves {@code materialised_until} from {@code expected} to {@code next}, only if the rule is
     * still at {@code version} and nobody moved it meanwhile. Two replicas that raced therefore
     * never move it backwards; the loser merely published the same records again.
     *
     * @return true if this call moved it
     */
    public Mono<Boolean> moveMaterialisedUntil(RuleId ruleId, long version, Instant expected, Instant next) {
        if (!next.isAfter(expected)) {
            return Mono.just(false);
        }
        Bson filter = guard(ruleId, version).append(MATERIALISED_UNTIL, Date.from(expected));
        return Mono.from(rules.updateOne(filter, Updates.set(MATERIALISED_UNTIL, Date.from(next))))
                .map(result -> result.getModifiedCount() == 1);
    }

    /** The smallest {@code materialised_until} of all active rules: how far the most-behind rule is published. */
    public Mono<Instant> earliestMaterialisedUntil() {
        return Mono.from(rules.find(Filters.eq(STATUS, lower(RuleStatus.ACTIVE)))
                        .projection(Projections.include(MATERIALISED_UNTIL))
                        .sort(Sorts.ascending(MATERIALISED_UNTIL))
                        .limit(1)
                        .first())
                .map(document -> document.getDate(MATERIALISED_UNTIL).toInstant());
    }

    /**
     * A conditional update with no upsert: a lifecycle event never creates a rule this store does not
     * hold. Read by {@code _id}, then written on the version read, so both find the rule through an
     * index; a write that lost to another in between reads again, and stops once the stored version
     * reaches {@code version}, as versions only grow.
     */
    private Mono<Boolean> updateIfNewer(RuleId ruleId, long version, Bson update) {
        return Mono.from(rules.find(Filters.eq("_id", ruleId.value())).projection(Projections.include(VERSION)).first())
                .map(document -> number(document, VERSION))
                .filter(stored -> stored < version)
                .flatMap(stored -> Mono.from(rules.updateOne(guard(ruleId, stored),
                        Updates.combine(update, Updates.set(VERSION, version)))))
                .flatMap(result -> result.getModifiedCount() == 1 ? Mono.just(true) : updateIfNewer(ruleId, version, update))
                .defaultIfEmpty(false);
    }

    /**
     * The filter of a write guarded by the rule's version, as a plain document: {@code Filters.and}
     * renders {@code $and}, which no index answers on mongo-java-server. Further conditions are
     * appended, each shape with its unique index in {@link #GUARDS}.
     */
    private static Document guard(RuleId ruleId, long version) {
        return new Document("_id", ruleId.value()).append(VERSION, version);
    }

    private static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private static StoredRule stored(Document document) {
        RuleId ruleId = RuleId.of(document.getString("_id"));
        RuleDefinition definition = definition(ruleId, document);
        Document replaced = document.get(REPLACED, Document.class);
        RuleOrigin origin = new RuleOrigin(Instant.parse(document.getString("created_at")),
                document.getString("created_by"), document.getString("correlation_id"), document.getString("traceparent"));
        return new StoredRule(definition, number(document, VERSION),
                RuleStatus.valueOf(upper(document.getString(STATUS))), origin,
                document.getDate(MATERIALISED_UNTIL).toInstant(), instant(document, PAUSED_AT), instant(document, RESUME_AFTER),
                instant(document, DELETED_AT), Boolean.TRUE.equals(document.getBoolean(RETRACTION_PENDING)),
                replaced == null ? null : definition(ruleId, replaced), instant(document, UPDATED_AT), RecurrenceDocuments.exceptions(document),
                Boolean.TRUE.equals(document.getBoolean(EXCEPTION_PENDING)), missedCheck(document));
    }

    /** A definition's fields, written at the top of the rule's document. */
    private static List<Bson> definitionUpdates(RuleDefinition definition) {
        return definitionDocument(definition).entrySet().stream()
                .map(field -> Updates.set(field.getKey(), field.getValue()))
                .toList();
    }

    private static Document definitionDocument(RuleDefinition definition) {
        return new Document("name", definition.name())
                .append("cron", definition.cron())
                .append(CRON_DIALECT, definition.cronDialect() == null ? null : lower(definition.cronDialect()))
                .append(RRULE, RecurrenceDocuments.rrule(definition.rrule()))
                .append("timezone", definition.timezone().getId())
                .append("calendar_id", definition.calendarId().value())
                .append("duration_seconds", definition.durationSeconds())
                .append("active_from", definition.activeFrom().toString())
                .append("dst_gap", lower(definition.dstPolicy().gap()))
                .append("dst_overlap", lower(definition.dstPolicy().overlap()))
                .append("jitter_seconds", definition.jitterSeconds())
                .append("job_type", definition.jobType())
                .append(CATCHUP_POLICY, lower(definition.catchup()))
                .append(RESOURCES, definition.resources().stream()
                        .map(booking -> new Document("resource_id", booking.resourceId().value()).append("role", lower(booking.role())))
                        .toList())
                .append(HEARTBEAT, definition.heartbeat() == null ? null
                        : new Document("interval_seconds", definition.heartbeat().intervalSeconds())
                        .append("grace_seconds", definition.heartbeat().graceSeconds()));
    }

    private static RuleDefinition definition(RuleId ruleId, Document document) {
        return new RuleDefinition(
                ruleId,
                document.getString("name"),
                document.getString("cron"),
                document.getString(CRON_DIALECT) == null ? null : CronSyntax.valueOf(upper(document.getString(CRON_DIALECT))),
                RecurrenceDocuments.rrule(document.get(RRULE, Document.class)),
                ZoneId.of(document.getString("timezone")),
                CalendarId.of(document.getString("calendar_id")),
                number(document, "duration_seconds"),
                Instant.parse(document.getString("active_from")),
                new DstPolicy(GapPolicy.valueOf(upper(document.getString("dst_gap"))),
                        OverlapPolicy.valueOf(upper(document.getString("dst_overlap")))),
                (int) number(document, "jitter_seconds"),
                document.getString("job_type"),
                document.getString(CATCHUP_POLICY) == null ? CatchupPolicy.NONE
                        : CatchupPolicy.valueOf(upper(document.getString(CATCHUP_POLICY))),
                document.getList(RESOURCES, Document.class, List.of()).stream()
                        .map(booking -> new ResourceBooking(ResourceId.of(booking.getString("resource_id")),
                                ResourceRole.valueOf(upper(booking.getString("role")))))
                        .toList(),
                heartbeat(document.get(HEARTBEAT, Document.class)));
    }

    private static @Nullable Heartbeat heartbeat(@Nullable Document heartbeat) {
        return heartbeat == null ? null
                : new Heartbeat((int) number(heartbeat, "interval_seconds"), (int) number(heartbeat, "grace_seconds"));
    }

    private static @Nullable Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static long number(Document document, String field) {
        return document.get(field, Number.class).longValue();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }
}
