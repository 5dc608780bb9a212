/**
 * Who may do what on each calendar, projected from the calendars topic (owner and grants, ADR 0027),
 * the grants query, shown only to the calendar's managers, and who may read what: a calendar's own
 * reads checked by key lookup, and the calendars every read across calendars leaves out.
 */
@NullMarked
package dev.almanac.query.access;

import org.jspecify.annotations.NullMarked;
