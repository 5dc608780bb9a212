package dev.almanac.query.window;

import dev.almanac.events.EntryKind;
import dev.almanac.query.access.PrivateRules;
import dev.almanac.query.entry.EntryCopy;

/**
 * The type a window counts an entry under, with its rule's privacy as it is now (ADR 0096): a stored occurrence (a backfill
 * or catch-up run) of a private rule counts under {@link EntryCopy#PRIVATE_TYPE}, though its copy and the slot summaries
 * hold it as written, so that a rule made private, or public again, counts so at once without a document rewritten.
 */
final class CountedTypes {

    private CountedTypes() {
    }

    /** A slot summary's type ({@link EntryCopy#summaryType()}) as a window counts it. */
    static String of(String summaryType, PrivateRules rules) {
        String ruleId = EntryCopy.summaryTypeRule(summaryType);
        if (ruleId == null) {
            return summaryType;
        }
        return rules.isPrivate(ruleId) ? EntryCopy.PRIVATE_TYPE : EntryCopy.summaryTypeName(summaryType);
    }

    /** The copy private if it is an occurrence of a rule private now. */
    static EntryCopy of(EntryCopy copy, PrivateRules rules) {
        boolean ofPrivateRule = copy.kind() == EntryKind.OCCURRENCE && copy.ruleId() != null && rules.isPrivate(copy.ruleId());
        return ofPrivateRule ? copy.withPrivate(true) : copy;
    }
}
