/**
 * A calendar's entries as an RFC 5545 iCalendar document ({@code GET /calendars/{id}/export.ics}),
 * for calendar clients to import or subscribe to.
 */
@NullMarked
package dev.almanac.query.export;

import org.jspecify.annotations.NullMarked;
