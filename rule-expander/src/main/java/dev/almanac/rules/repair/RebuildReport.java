package dev.almanac.rules.repair;

import java.util.Map;

/**
 * What a rebuild of rule-expander's state did.
 *
 * @param records the records each topic held when the rebuild began, all of which were read again
 * @param rules   rule documents stored once the rules were read again
 * @param runs    occurrences with a run report or a dispatcher's skip, stored once those were read again
 */
public record RebuildReport(Map<String, Long> records, long rules, long runs, long tookMillis) {
}
