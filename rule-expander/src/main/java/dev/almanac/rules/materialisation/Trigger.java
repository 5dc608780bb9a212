package dev.almanac.rules.materialisation;

import java.util.Locale;

/** What started a pass; tags the published-occurrences counter. */
public enum Trigger {
    RULE_CREATED,
    RULE_RESUMED,
    RULE_UPDATED,
    HORIZON_ADVANCE,
    /** An occurrence moved, or a missed one rescheduled. */
    OCCURRENCE_MOVED,
    /** A backfill run of a missed occurrence, approved or by the rule's catch-up policy. */
    BACKFILL;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
