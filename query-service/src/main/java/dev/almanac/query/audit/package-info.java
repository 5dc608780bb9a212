/**
 * The audit trail, {@code GET /api/v1/audit} (ADR 0081): who did what and when to entries, rules, conflicts and calendars,
 * with the values before and after, derived from the events and their envelopes, and the commands the domain refused.
 */
@NullMarked
package dev.almanac.query.audit;

import org.jspecify.annotations.NullMarked;
