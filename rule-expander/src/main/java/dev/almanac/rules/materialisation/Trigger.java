package dev.almanac.rules.materialisation;

import java.util.Locale;

/** What started a pass; tags the published-occurrences counter. */
public enum Trigger {
    RULE_CREATED,
    RULE_RESUMED,
    RULE_UPDATED,
    HORIZON_ADVANCE;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
