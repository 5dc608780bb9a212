package dev.almanac.recurrence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import com.cronutils.model.CronType;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RuleId;
import org.jspecify.annotations.Nullable;

/**
 * The rules the benchmark and the comparison with cron-utils and Spring run: each written in
 * Almanac's schedule, cron-utils' dialect and Spring's, meaning the same wall-clock times, except
 * the one entry that shows the dialects disagree on purpose.
 */
final class BenchmarkCorpus {

    /** One year, the same window for every engine. */
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");

    /**
     * A rule. {@code cronUtils} and {@code spring} are null where the library cannot say it;
     * {@code dialectsDiffer} marks the entry whose texts mean different things in each dialect.
     */
    record Entry(String name, String zone, Schedule almanac, @Nullable CronType cronUtilsType, @Nullable String cronUtils,
                 @Nullable String spring, boolean dialectsDiffer) {

        RecurrenceSpec spec(int index) {
            return new RecurrenceSpec(RuleId.of("bench-" + index), almanac, ZoneId.of(zone), DstPolicy.DEFAULT, Duration.ofMinutes(5), 0);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every rule in all three engines: the corpus the throughput figures are for. */
    static final List<Entry> SHARED = List.of(
            unix("every 5 minutes, UTC", "UTC", "*/5 * * * *", "0 */5 * * * *"),
            unix("weekdays 09:00, New York", "America/New_York", "0 9 * * 1-5", "0 0 9 * * MON-FRI"),
            new Entry("last Friday 10:00, London", "Europe/London", CronExpression.parse(CronDialect.QUARTZ, "0 0 10 ? * 6L"),
                    CronType.QUARTZ, "0 0 10 ? * 6L", "0 0 10 * * 5L", false),
            unix("hourly, Lord Howe", "Australia/Lord_Howe", "0 * * * *", "0 0 * * * *"),
            unix("hourly, London", "Europe/London", "0 * * * *", "0 0 * * * *"),
            unix("1st and 15th 10:15, Kathmandu", "Asia/Kathmandu", "15 10 1,15 * *", "0 15 10 1,15 * *"),
            unix("Mondays 08:00, Kolkata", "Asia/Kolkata", "0 8 * * 1", "0 0 8 * * MON"),
            unix("daily 02:30, London", "Europe/London", "30 2 * * *", "0 30 2 * * *"));

    /** The same monthly rule as an RRULE, which only Almanac reads. */
    static final Entry LAST_FRIDAY_RRULE = new Entry("last Friday 10:00, London, RRULE", "Europe/London",
            RRuleSchedule.of("FREQ=MONTHLY;BYDAY=-1FR", LocalDateTime.parse("2025-12-01T10:00:00")), null, null, null, false);

    /** The same text in each dialect: the 1st to 7th or Mondays under POSIX, the first Monday under Spring. */
    static final Entry DIALECTS_DIFFER = new Entry("1st-7th and Mondays 08:00, New York", "America/New_York",
            CronExpression.parse("0 8 1-7 * 1"), CronType.UNIX, "0 8 1-7 * 1", "0 0 8 1-7 * MON", true);

    private BenchmarkCorpus() {
    }

    private static Entry unix(String name, String zone, String cron, String spring) {
        return new Entry(name, zone, CronExpression.parse(cron), CronType.UNIX, cron, spring, false);
    }
}
