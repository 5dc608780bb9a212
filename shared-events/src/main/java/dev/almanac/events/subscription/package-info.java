/**
 * Calendar subscriptions: a secret feed URL by which a calendar client (Google Calendar, Outlook, Apple Calendar) reads one
 * calendar's iCalendar export with one user's rights, without a bearer token; issued and revoked as commands (ADR 0082).
 * Only a hash of the token travels.
 */
@NullMarked
package dev.almanac.events.subscription;

import org.jspecify.annotations.NullMarked;
