package dev.almanac.query.entry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.query.readmodel.Versioned;

/**
 * The part of an {@link Entry} that reads need, as copied into every UTC day the entry overlaps
 * ({@link CalendarDay}), stamped with the entry's version so that a newer copy always wins.
 * {@code relations} summarise an item's dependencies, links and attachments; {@code owner} is the item's (ADR 0090), so that
 * a read offers its changes only to who may make them; null for occurrences and items without one. {@code privateEntry} marks
 * a private item, or an occurrence of a private rule: a busy block to all but who may see it in full (ADR 0096).
 */
public record EntryCopy(
        String id,
        EntryKind kind,
        @Nullable String title,
        @Nullable String type,
        Instant start,
        Instant end,
        @Nullable String timezone,
        @Nullable Priority priority,
        List<String> tags,
        @Nullable String ruleId,
        int rescheduleCount,
        long version,
        List<ResourceBooking> resources,
        EntrySource source,
        RelationSummary relations,
        EntryStatus status,
        @Nullable String owner,
        boolean privateEntry) implements Versioned {

    /** The order every list of entries is read in. */
    public static final Comparator<EntryCopy> BY_START_AND_ID = Comparator.comparing(EntryCopy::start).thenComparing(EntryCopy::id);

    public EntryCopy {
        tags = List.copyOf(tags);
        resources = List.copyOf(resources);
    }

    /** A copy of an entry that is not private. */
    public EntryCopy(String id, EntryKind kind, @Nullable String title, @Nullable String type, Instant start, Instant end,
                     @Nullable String timezone, @Nullable Priority priority, List<String> tags, @Nullable String ruleId,
                     int rescheduleCount, long version, List<ResourceBooking> resources, EntrySource source, RelationSummary relations,
                     EntryStatus status, @Nullable String owner) {
        this(id, kind, title, type, start, end, timezone, priority, tags, ruleId, rescheduleCount, version, resources, source, relations,
                status, owner, false);
    }

    /** A copy of an entry that stands scheduled: every rule occurrence, and an item neither tentative, confirmed nor rescheduling. */
    public EntryCopy(String id, EntryKind kind, @Nullable String title, @Nullable String type, Instant start, Instant end,
                     @Nullable String timezone, @Nullable Priority priority, List<String> tags, @Nullable String ruleId,
                     int rescheduleCount, long version, List<ResourceBooking> resources, EntrySource source, RelationSummary relations) {
        this(id, kind, title, type, start, end, timezone, priority, tags, ruleId, rescheduleCount, version, resources, source, relations,
                EntryStatus.SCHEDULED);
    }

    /** A copy of an entry without an owner: every rule occurrence, and an item scheduled before owners were recorded. */
    public EntryCopy(String id, EntryKind kind, @Nullable String title, @Nullable String type, Instant start, Instant end,
                     @Nullable String timezone, @Nullable Priority priority, List<String> tags, @Nullable String ruleId,
                     int rescheduleCount, long version, List<ResourceBooking> resources, EntrySource source, RelationSummary relations,
                     EntryStatus status) {
        this(id, kind, title, type, start, end, timezone, priority, tags, ruleId, rescheduleCount, version, resources, source, relations,
                status, null);
    }

    /**
     * A copy of an entry that books no resource: an item scheduled by hand without resources.
     */
    public EntryCopy(String id, EntryKind kind, @Nullable String title, @Nullable String type, Instant start, Instant end,
                     @Nullable String timezone, @Nullable Priority priority, List<String> tags, @Nullable String ruleId,
                     int rescheduleCount, long version, RelationSummary relations) {
        this(id, kind, title, type, start, end, timezone, priority, tags, ruleId, rescheduleCount, version, List.of(),
                EntrySource.of(kind, null), relations);
    }

    /** Both lists as one in (start, id) order, each id once: a copy in {@code first} wins over one in {@code second}. */
    public static List<EntryCopy> mergedById(List<EntryCopy> first, List<EntryCopy> second) {
        if (second.isEmpty()) {
            return first;
        }
        Map<String, EntryCopy> byId = new LinkedHashMap<>();
        first.forEach(copy -> byId.put(copy.id(), copy));
        second.forEach(copy -> byId.putIfAbsent(copy.id(), copy));
        List<EntryCopy> merged = new ArrayList<>(byId.values());
        merged.sort(BY_START_AND_ID);
        return merged;
    }

    public static EntryCopy of(Entry entry) {
        return new EntryCopy(entry.id(), entry.kind(), entry.title(), entry.type(), entry.start(), entry.end(), entry.timezone(),
                entry.priority(), entry.tags(), entry.ruleId(), entry.rescheduleCount(), entry.version(), entry.resources(),
                entry.source(), entry.relations().summary(), entry.status(), entry.details() == null ? null : entry.details().owner(),
                entry.keptPrivate());
    }

    /**
     * The entry's type as windows count it; an entry whose scheduling was never projected has none. A private entry's is
     * {@value #PRIVATE_TYPE}, for everyone: a window is counted once for all its readers, and must not tell a private entry's
     * type to those who may not see it (ADR 0096).
     */
    public String countedType() {
        return privateEntry ? PRIVATE_TYPE : type == null ? "" : type;
    }

    /** What a window counts a private entry as, in place of its type. */
    public static final String PRIVATE_TYPE = "private";

    /** Opens and closes the rule in a stored occurrence's {@link #summaryType()}; no rule id or type holds it. */
    private static final char RULE_MARK = '\u0000';

    /**
     * The type a day's slot summary counts this copy under: its {@link #countedType()}, but a stored occurrence's (a backfill
     * or catch-up run) with its rule, so that a window reading the summary counts it as private while its rule is now, not
     * as the rule was when the copy was written (ADR 0096; {@link #summaryTypeRule}).
     */
    public String summaryType() {
        if (privateEntry || kind != EntryKind.OCCURRENCE || ruleId == null) {
            return countedType();
        }
        return RULE_MARK + ruleId + RULE_MARK + countedType();
    }

    /** The rule a slot summary's type names ({@link #summaryType()}); null for a type of no rule. */
    public static @Nullable String summaryTypeRule(String summaryType) {
        return summaryType.isEmpty() || summaryType.charAt(0) != RULE_MARK ? null
                : summaryType.substring(1, summaryType.indexOf(RULE_MARK, 1));
    }

    /** A slot summary's type ({@link #summaryType()}) without its rule. */
    public static String summaryTypeName(String summaryType) {
        return summaryTypeRule(summaryType) == null ? summaryType : summaryType.substring(summaryType.indexOf(RULE_MARK, 1) + 1);
    }

    /** This copy private or not: an occurrence takes its rule's flag. */
    public EntryCopy withPrivate(boolean keptPrivate) {
        return keptPrivate == privateEntry ? this : new EntryCopy(id, kind, title, type, start, end, timezone, priority, tags, ruleId,
                rescheduleCount, version, resources, source, relations, status, owner, keptPrivate);
    }

    /** The entry's length in whole seconds; zero if it ends before it starts. */
    public long lengthSeconds() {
        return end.isAfter(start) ? Duration.between(start, end).toSeconds() : 0;
    }

    public boolean overlaps(Instant from, Instant till) {
        return start.isBefore(till) && end.isAfter(from);
    }

    public EntryTiming timing(String calendarId) {
        return new EntryTiming(start, end, calendarId, countedType());
    }

    public EntryView view(String calendarId, ZoneId calendarZone) {
        return new EntryView(id, kind, calendarId, title == null ? "" : title, countedType(), start, end,
                start.atZone(calendarZone).toOffsetDateTime(), timezone == null ? calendarZone : ZoneId.of(timezone),
                source, ruleId, priority, tags, rescheduleCount, version, null, null, null, resources, relations.dependencies(),
                relations.primaryId(), relations.followerIds(), kind == EntryKind.ITEM ? relations.attachmentCount() : null, status, null);
    }
}
