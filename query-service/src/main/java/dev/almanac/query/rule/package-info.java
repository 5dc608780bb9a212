/** Recurring rule definitions, kept for rule queries ({@code GET /schedules/rules/{id}}) and for computing occurrences beyond the horizon. */
@NullMarked
package dev.almanac.query.rule;

import org.jspecify.annotations.NullMarked;
