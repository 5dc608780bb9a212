package dev.almanac.query.opsfeed;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.schedule.Priority;

/**
 * OPS-CATEGORY's priority category, mapped from Almanac's priorities (ADR 0039): an item's {@code high}
 * and {@code critical} are critical, {@code normal} normal, {@code low} low; a rule's
 * {@code job_template.priority} (1 to 10, OPS-CATEGORY, higher is more urgent) is critical from 8,
 * low up to 3, normal between. Without a priority, normal.
 */
public enum OpsCategory {
    CRITICAL, NORMAL, LOW;

    static final int CRITICAL_FROM = 8;
    static final int LOW_UP_TO = 3;

    static OpsCategory ofItem(@Nullable Priority priority) {
        if (priority == null) {
            return NORMAL;
        }
        return switch (priority) {
            case CRITICAL, HIGH -> CRITICAL;
            case NORMAL -> NORMAL;
            case LOW -> LOW;
        };
    }

    static OpsCategory ofJob(@Nullable JobTemplate template) {
        Integer priority = template == null ? null : template.priority();
        if (priority == null) {
            return NORMAL;
        }
        return priority >= CRITICAL_FROM ? CRITICAL : priority <= LOW_UP_TO ? LOW : NORMAL;
    }
}
