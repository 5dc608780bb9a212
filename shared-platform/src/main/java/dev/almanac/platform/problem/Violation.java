package dev.almanac.platform.problem;

/**
 * One thing wrong with a request.
 *
 * @param field   the field's wire name, a dotted path for nested fields ({@code job_template.type}),
 *                or {@code body} when the request body as a whole is unreadable
 * @param rule    the rule broken: a business rule id such as {@code SCH-001}, or a short name
 *                such as {@code required}, {@code format}, {@code iana_zone}, {@code unknown_field}
 * @param message what is wrong, for a person
 */
public record Violation(String field, String rule, String message) {
}
