/**
 * A calendar's entries as an RFC 5545 iCalendar document ({@code GET /calendars/{id}/export.ics}),
 * for calendar clients to import or subscribe to, or as an RFC 4180 CSV table
 * ({@code GET /calendars/{id}/export.csv}) for spreadsheets.
 */
@NullMarked
package dev.almanac.query.export;

import org.jspecify.annotations.NullMarked;
