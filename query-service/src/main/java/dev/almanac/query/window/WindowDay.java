package dev.almanac.query.window;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Tenant;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.SlotSummary;

/**
 * One UTC day across all calendars: each calendar's slot summary of that day, as its
 * {@link dev.almanac.query.entry.CalendarDay} holds it. The window over all calendars reads one
 * of these per day, however many calendars there are. In multi-tenant mode each tenant has its own
 * ({@code acme/2026-12-01}, {@link WindowDayScope}), so that a tenant's window reads and counts nothing of another's.
 * It is derived: a write sets a calendar's summary to what the calendar's day document holds now, so writing it again
 * changes nothing.
 *
 * <p>Summaries are held as their bytes, decoded only where a write needs them. A day read from its
 * document keeps the counts and total derived from it there ({@link Derived}); a batch changes a few of a
 * hundred calendars, and the day's new counts and total are those with the changed calendars replaced,
 * equal to what deriving them from every calendar again gives.
 */
public final class WindowDay {

    private static final char TENANT_SEPARATOR = '/';

    /** The tenant whose calendars the day holds; null: every calendar's (single-tenant mode). */
    private final @Nullable Tenant tenant;
    private final LocalDate day;
    /** Each calendar's summary, as {@link SlotSummary#toBytes()}; no calendar with nothing starting that day. */
    private final SortedMap<String, byte[]> calendars;
    /** What the stored document derived from its calendars, and which calendars changed since; null: derive again. */
    private final @Nullable Derived derived;

    private WindowDay(@Nullable Tenant tenant, LocalDate day, SortedMap<String, byte[]> calendars, @Nullable Derived derived) {
        this.tenant = tenant;
        this.day = day;
        this.calendars = Collections.unmodifiableSortedMap(calendars);
        this.derived = derived;
    }

    public WindowDay(LocalDate day, Map<String, SlotSummary> calendars) {
        this(null, day, encoded(calendars), null);
    }

    public WindowDay(@Nullable Tenant tenant, LocalDate day, Map<String, SlotSummary> calendars) {
        this(tenant, day, encoded(calendars), null);
    }

    private static SortedMap<String, byte[]> encoded(Map<String, SlotSummary> calendars) {
        TreeMap<String, byte[]> encoded = new TreeMap<>();
        calendars.forEach((calendarId, summary) -> {
            if (!summary.isEmpty()) {
                encoded.put(calendarId, summary.toBytes());
            }
        });
        return encoded;
    }

    /**
     * The day as its document holds it: each calendar's summary bytes (the map is the day's from then on) and, where the
     * document has them, the counts and total derived from exactly those.
     */
    static WindowDay read(String id, SortedMap<String, byte[]> calendars, byte @Nullable [] counts, byte @Nullable [] all) {
        WindowDay empty = emptyOf(id);
        return new WindowDay(empty.tenant, empty.day, calendars, counts == null || all == null ? null : new Derived(counts, all, Map.of()));
    }

    /** The id of the day over every calendar: {@code 2026-12-01}. */
    public static String id(LocalDate day) {
        return day.toString();
    }

    /** The id of the day over {@code tenant}'s calendars, {@code acme/2026-12-01}, or over every calendar when it is null. */
    public static String id(@Nullable Tenant tenant, LocalDate day) {
        return tenant == null ? id(day) : tenant.name() + TENANT_SEPARATOR + day;
    }

    public static WindowDay emptyOf(String id) {
        int separator = id.indexOf(TENANT_SEPARATOR);
        Tenant tenant = separator < 0 ? null : Tenant.of(id.substring(0, separator));
        return new WindowDay(tenant, LocalDate.parse(id.substring(separator + 1)), new TreeMap<>(), null);
    }

    /** The UTC day a window-day document of this id holds. */
    static LocalDate dayOf(String id) {
        return LocalDate.parse(id.substring(id.indexOf(TENANT_SEPARATOR) + 1));
    }

    public @Nullable Tenant tenant() {
        return tenant;
    }

    public LocalDate day() {
        return day;
    }

    public String id() {
        return id(tenant, day);
    }

    /** Each calendar's summary, decoded. */
    public SortedMap<String, SlotSummary> calendars() {
        TreeMap<String, SlotSummary> decoded = new TreeMap<>();
        calendars.forEach((calendarId, bytes) -> decoded.put(calendarId, SlotSummary.fromBytes(bytes)));
        return Collections.unmodifiableSortedMap(decoded);
    }

    /** Each calendar's summary as its bytes, in calendar order; not to be changed. */
    SortedMap<String, byte[]> summaryBytes() {
        return calendars;
    }

    /** The day with the calendar's summary replaced; a calendar with nothing starting that day is left out. */
    public WindowDay with(String calendarId, SlotSummary summary) {
        return replaced(Map.of(calendarId, summary));
    }

    /**
     * The day with each of these calendar days' summaries as the calendar days now hold them. It
     * is computed from the current per-calendar state, not from events, so applying it again
     * (after a crash between the two writes, on redelivery) repairs rather than double-counts.
     */
    public WindowDay following(Collection<CalendarDay> calendarDays) {
        Map<String, SlotSummary> summaries = new HashMap<>();
        calendarDays.forEach(calendarDay -> summaries.put(calendarDay.calendarId(), calendarDay.summary()));
        return replaced(summaries);
    }

    private WindowDay replaced(Map<String, SlotSummary> summaries) {
        TreeMap<String, byte[]> updated = new TreeMap<>(calendars);
        Map<String, byte @Nullable []> before = derived == null ? Map.of() : new HashMap<>(derived.before());
        summaries.forEach((calendarId, summary) -> {
            byte[] was = summary.isEmpty() ? updated.remove(calendarId) : updated.put(calendarId, summary.toBytes());
            if (derived != null && !before.containsKey(calendarId)) {
                before.put(calendarId, was);
            }
        });
        return new WindowDay(tenant, day, updated, derived == null ? null : new Derived(derived.counts(), derived.all(), before));
    }

    /** Every calendar's summary added up. */
    public SlotSummary merged() {
        SlotSummary.Builder merged = SlotSummary.builder();
        if (derived == null) {
            calendars.values().forEach(bytes -> merged.addAll(SlotSummary.fromBytes(bytes)));
            return merged.build();
        }
        if (derived.before().isEmpty()) {
            return SlotSummary.fromBytes(derived.all());
        }
        // Exact: counts, seconds and type counts are integers, and a type no calendar has any more is dropped.
        merged.addAll(SlotSummary.fromBytes(derived.all()));
        derived.before().forEach((calendarId, was) -> {
            if (was != null) {
                merged.subtractAll(SlotSummary.fromBytes(was));
            }
            byte[] now = calendars.get(calendarId);
            if (now != null) {
                merged.addAll(SlotSummary.fromBytes(now));
            }
        });
        return merged.build();
    }

    /** Each calendar's count per slot ({@link CalendarSlotCounts}): the stored ones with the changed calendars' replaced. */
    byte[] slotCounts() {
        if (derived == null) {
            return CalendarSlotCounts.encode(calendars());
        }
        return CalendarSlotCounts.replaced(derived.counts(), calendars, derived.before().keySet());
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof WindowDay that) || !Objects.equals(tenant, that.tenant) || !day.equals(that.day)
                || !calendars.keySet().equals(that.calendars.keySet())) {
            return false;
        }
        return calendars.entrySet().stream().allMatch(entry -> Arrays.equals(entry.getValue(), that.calendars.get(entry.getKey())));
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(tenant) * 31 + day.hashCode()) * 31 + calendars.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "WindowDay[" + id() + ", " + calendars.size() + " calendars]";
    }

    /**
     * The counts and total a stored document derived from its calendars, and the calendars replaced since it was read,
     * each with its summary's bytes as read (null: it had none).
     */
    private record Derived(byte[] counts, byte[] all, Map<String, byte @Nullable []> before) {
    }
}
