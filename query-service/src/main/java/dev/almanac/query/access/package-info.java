/**
 * Who may do what on each calendar, projected from the calendars topic (owner and grants, ADR 0027),
 * and the grants query, shown only to the calendar's managers.
 */
@NullMarked
package dev.almanac.query.access;

import org.jspecify.annotations.NullMarked;
