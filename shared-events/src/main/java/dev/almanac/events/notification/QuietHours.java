package dev.almanac.events.notification;

import java.time.LocalTime;

/**
 * Wall-clock times in the preferences' zone between which nothing is sent by e-mail or webhook; what arrives meanwhile is
 * held until {@code end}. A {@code start} after {@code end} spans midnight (22:00 to 07:00).
 */
public record QuietHours(LocalTime start, LocalTime end) {
}
