/**
 * The notification centre: each user's notifications from almanac.notifications.v1, with what the user has read and
 * acknowledged, its API and its live updates (ADR 0075).
 */
@NullMarked
package dev.almanac.query.notification;

import org.jspecify.annotations.NullMarked;
