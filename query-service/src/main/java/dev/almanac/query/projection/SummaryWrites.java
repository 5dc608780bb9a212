package dev.almanac.query.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.almanac.query.conflict.ConflictDay;
import dev.almanac.query.conflict.ConflictIndex;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.readmodel.CompareAndSetWrites;
import dev.almanac.query.readmodel.DocumentStore;
import dev.almanac.query.readmodel.Stored;
import dev.almanac.query.window.WindowDay;

/**
 * The documents that summarise derived days: window days over calendar days, conflict indexes over conflict days. Each is
 * recomputed from the days as written; one whose compare-and-set lost reads its days again before it is recomputed, so a
 * summary never folds in a day older than the one another writer folded in.
 */
final class SummaryWrites {

    private final ReadModelStores stores;

    SummaryWrites(ReadModelStores stores) {
        this.stores = stores;
    }

    /** Each window day with the calendar days of the batch folded in, as they now stand. */
    void writeWindows(Map<String, Stored<WindowDay>> windows, Map<String, CalendarDay> days) {
        Map<String, List<String>> daysByWindow = new LinkedHashMap<>();
        days.forEach((id, day) -> daysByWindow
                .computeIfAbsent(stores.windowDayScope.idOf(day.calendarId(), day.day()), window -> new ArrayList<>()).add(id));
        CompareAndSetWrites.writeAll(stores.windowDays, windows,
                (id, before) -> (before == null ? WindowDay.emptyOf(id) : before)
                        .following(daysByWindow.get(id).stream().map(days::get).toList()),
                lost -> reload(stores.calendarDays, days, lost.stream().flatMap(id -> daysByWindow.get(id).stream()).toList(),
                        CalendarDay::emptyOf));
    }

    /** Each scope's conflict index with the conflict days of the batch folded in, as they now stand. */
    void writeConflictIndexes(Map<String, Stored<ConflictIndex>> indexes, Map<String, ConflictDay> buckets) {
        Map<String, List<String>> bucketsByScope = new LinkedHashMap<>();
        buckets.keySet().forEach(id -> bucketsByScope.computeIfAbsent(buckets.get(id).scope(), scope -> new ArrayList<>()).add(id));
        CompareAndSetWrites.writeAll(stores.conflictIndex, indexes,
                (scope, before) -> {
                    ConflictIndex index = before == null ? ConflictIndex.empty(scope) : before;
                    for (String bucket : bucketsByScope.get(scope)) {
                        index = index.with(buckets.get(bucket));
                    }
                    return index;
                },
                lost -> reload(stores.conflictDays, buckets, lost.stream().flatMap(scope -> bucketsByScope.get(scope).stream()).toList(),
                        ConflictDay::emptyOf));
    }

    private static <S> void reload(DocumentStore<S> store, Map<String, S> into, List<String> ids, Function<String, S> empty) {
        store.load(ids).forEach((id, stored) -> into.put(id, stored.state() == null ? empty.apply(id) : stored.state()));
    }
}
