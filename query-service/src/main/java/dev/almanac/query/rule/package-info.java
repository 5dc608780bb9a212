/** Recurring rule definitions, kept for rule queries ({@code GET /schedules/rules/{id}}) with the events its occurrences are computed from (ADR 0068). */
@NullMarked
package dev.almanac.query.rule;

import org.jspecify.annotations.NullMarked;
