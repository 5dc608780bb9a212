package dev.almanac.query.window;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.almanac.query.entry.EntryCopy;

/**
 * A window over the calendars a caller reads, with the calendars they only see busy (a free/busy grant, ADR 0096) counted
 * in: each such calendar's entries add to the counts, durations and queues, and to the types only as
 * {@link EntryCopy#PRIVATE_TYPE}, as a private entry counts, since their types are what the grant does not show. Each
 * calendar's own window is kept as any one-calendar window is, so the sum costs a few additions per bucket.
 */
final class BusyCalendarCounts {

    private BusyCalendarCounts() {
    }

    /** {@code shown} with {@code busy}, windows of the same spec, added to it; densities and the summary counted again. */
    static ScheduleWindow added(ScheduleWindow shown, List<ScheduleWindow> busy) {
        if (busy.isEmpty()) {
            return shown;
        }
        List<TimeBucket> buckets = new ArrayList<>(shown.buckets().size());
        long peakCount = 0;
        for (int i = 0; i < shown.buckets().size(); i++) {
            TimeBucket bucket = shown.buckets().get(i);
            long count = bucket.jobCount();
            long seconds = bucket.estimatedDuration();
            Map<String, Long> queues = new LinkedHashMap<>(bucket.queues());
            Map<String, Long> types = new LinkedHashMap<>(bucket.jobTypes());
            for (ScheduleWindow calendar : busy) {
                TimeBucket other = calendar.buckets().get(i);
                if (!other.timestamp().equals(bucket.timestamp())) {
                    throw new IllegalStateException("windows of one spec disagree on their buckets at " + bucket.timestamp());
                }
                if (other.jobCount() == 0) {
                    continue;
                }
                count += other.jobCount();
                seconds += other.estimatedDuration();
                other.queues().forEach((queue, n) -> queues.merge(queue, n, Long::sum));
                types.merge(EntryCopy.PRIVATE_TYPE, other.jobCount(), Long::sum);
            }
            peakCount = Math.max(peakCount, count);
            buckets.add(new TimeBucket(bucket.timestamp(), bucket.localTime(), count, queues, 0, types, seconds));
        }
        long total = 0;
        Instant peak = null;
        List<TimeBucket> rated = new ArrayList<>(buckets.size());
        for (TimeBucket bucket : buckets) {
            total += bucket.jobCount();
            if (peak == null && peakCount > 0 && bucket.jobCount() == peakCount) {
                peak = bucket.timestamp();
            }
            rated.add(new TimeBucket(bucket.timestamp(), bucket.localTime(), bucket.jobCount(), bucket.queues(),
                    peakCount == 0 ? 0.0 : (double) bucket.jobCount() / peakCount, bucket.jobTypes(), bucket.estimatedDuration()));
        }
        int days = LocalPeriods.starts(shown.window().from(), shown.window().till(), shown.window().timezone(), Granularity.DAY).size();
        double average = BigDecimal.valueOf(total).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP).doubleValue();
        return new ScheduleWindow(shown.window(), rated, new WindowSummary(total, peak, peakCount, average));
    }
}
