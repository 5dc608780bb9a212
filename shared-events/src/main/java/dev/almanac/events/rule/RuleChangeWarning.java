package dev.almanac.events.rule;

/**
 * Something the person confirming a proposed change should know, for example that the new schedule
 * fires more than 24 times a day or lands in a daylight-saving gap.
 *
 * @param code    a short name such as {@code dst_gap}, {@code frequent} or {@code pauses_imminent}
 * @param message what it means for this rule, for a person
 */
public record RuleChangeWarning(String code, String message) {
}
