package dev.almanac.query.window;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;

/**
 * Answers a window from the pre-aggregated slot summaries. For one calendar it reads that
 * calendar's day documents, projected to their summary; for all calendars, the window-day
 * documents, projected to per-queue counts and totals: in both cases one {@code _id $in} find over
 * the UTC days of {@code [from, till)}, at most 366 documents however many entries they hold.
 * Slots roll up into {@link LocalPeriods} buckets as {@link SlotPlan} says; the few split slots
 * (cut by {@code from}, {@code till} or an odd historical offset) are counted entry by entry from
 * the copies grouped under that slot, projected alone.
 */
@Component
public class ScheduleWindows {

    private static final List<String> DAY_AND_CALENDAR = List.of(CalendarDayCodec.DAY, CalendarDayCodec.CALENDAR_ID);

    private final CalendarDays calendarDays;
    private final WindowDays windowDays;

    public ScheduleWindows(CalendarDays calendarDays, WindowDays windowDays) {
        this.calendarDays = calendarDays;
        this.windowDays = windowDays;
    }

    /** The window over every calendar, or over the calendar {@code queue} only. */
    public Mono<ScheduleWindow> window(WindowSpec spec, @Nullable String queue) {
        return Mono.defer(() -> {
            BucketGrid grid = BucketGrid.over(spec);
            SlotPlan plan = SlotPlan.of(grid);
            Mono<Void> counted = queue == null ? allCalendars(grid, plan) : oneCalendar(queue, grid, plan);
            return counted.then(Mono.fromSupplier(grid::toScheduleWindow));
        });
    }

    private Mono<Void> oneCalendar(String calendarId, BucketGrid grid, SlotPlan plan) {
        List<String> ids = plan.days().stream().map(day -> CalendarDay.id(calendarId, day)).toList();
        List<String> fields = new ArrayList<>(List.of(CalendarDayCodec.DAY, CalendarDayCodec.SUMMARY));
        fields.addAll(slotGroups(plan.splitSlots()));
        int queue = grid.queue(calendarId);
        return calendarDays.find(ids, fields)
                .doOnNext(document -> {
                    LocalDate day = LocalDate.parse(document.getString(CalendarDayCodec.DAY));
                    SlotSummary summary = CalendarDayCodec.summary(document);
                    addSlots(grid, plan, day, summary);
                    for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                        int bucket = plan.bucket(day, slot);
                        if (bucket >= 0 && summary.count(slot) > 0) {
                            grid.addCounts(bucket, queue, summary.count(slot));
                        }
                    }
                    addSplitEntries(grid, plan, day, calendarId, document);
                })
                .then();
    }

    private Mono<Void> allCalendars(BucketGrid grid, SlotPlan plan) {
        List<String> ids = plan.days().stream().map(WindowDay::id).toList();
        Set<String> splitDays = new LinkedHashSet<>();
        return windowDays.countsAndTotals(ids)
                .doOnNext(document -> {
                    LocalDate day = LocalDate.parse(document.getString("_id"));
                    addSlots(grid, plan, day, SlotSummary.fromBytes(document.get(WindowDayCodec.ALL, Binary.class).getData()));
                    CalendarSlotCounts.decode(document.get(WindowDayCodec.COUNTS, Binary.class).getData(), new CalendarSlotCounts.Visitor() {
                        private String calendarId = "";
                        private int queue;

                        @Override
                        public void calendar(String id) {
                            calendarId = id;
                            queue = grid.queue(id);
                        }

                        @Override
                        public void slot(int slot, int count) {
                            int bucket = plan.bucket(day, slot);
                            if (bucket >= 0) {
                                grid.addCounts(bucket, queue, count);
                            } else if (bucket == SlotPlan.SPLIT) {
                                splitDays.add(CalendarDay.id(calendarId, day));
                            }
                        }
                    });
                })
                .then(Mono.defer(() -> {
                    List<String> fields = new ArrayList<>(DAY_AND_CALENDAR);
                    fields.addAll(slotGroups(plan.splitSlots()));
                    return calendarDays.find(List.copyOf(splitDays), fields)
                            .doOnNext(document -> addSplitEntries(grid, plan, LocalDate.parse(document.getString(CalendarDayCodec.DAY)),
                                    document.getString(CalendarDayCodec.CALENDAR_ID), document))
                            .then();
                }));
    }

    /** Seconds and types of the whole slots of one day; counts go per queue, by the caller. */
    private static void addSlots(BucketGrid grid, SlotPlan plan, LocalDate day, SlotSummary summary) {
        int[] types = summary.types().stream().mapToInt(grid::type).toArray();
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            int bucket = plan.bucket(day, slot);
            if (bucket < 0 || summary.count(slot) == 0) {
                continue;
            }
            grid.addSeconds(bucket, summary.seconds(slot));
            for (int type = 0; type < types.length; type++) {
                int count = summary.typeCount(type, slot);
                if (count != 0) {
                    grid.addType(bucket, types[type], count);
                }
            }
        }
    }

    /** The entries of the day's split slots, counted one by one (the grid drops those outside the window). */
    private static void addSplitEntries(BucketGrid grid, SlotPlan plan, LocalDate day, String calendarId, Document document) {
        for (EntryCopy copy : CalendarDayCodec.copies(document.get(CalendarDayCodec.ENTRIES, Document.class))) {
            if (UtcSlots.dayOf(copy.start()).equals(day) && plan.bucket(day, UtcSlots.slotOf(copy.start())) == SlotPlan.SPLIT) {
                grid.add(copy.timing(calendarId));
            }
        }
    }

    private static List<String> slotGroups(Set<Integer> slots) {
        return slots.stream().map(slot -> CalendarDayCodec.ENTRIES + '.' + CalendarDayCodec.slotGroup(slot)).toList();
    }
}
