/**
 * Calendar subscriptions (ADR 0082): the secret feed URLs command-service issues, kept by the SHA-256 of their token, and
 * the feed itself ({@code GET /api/v1/feeds/{token}.ics}), which serves a calendar's iCalendar export without a bearer
 * token, with the rights of the user it was issued to.
 */
@NullMarked
package dev.almanac.query.subscription;

import org.jspecify.annotations.NullMarked;
