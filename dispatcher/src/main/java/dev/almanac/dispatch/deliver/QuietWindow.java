package dev.almanac.dispatch.deliver;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

import dev.almanac.events.notification.QuietHours;

/**
 * Whether an instant falls in a user's quiet hours, and when they end, read on the user's wall clock. The end is the
 * first instant the clock shows it: in a DST gap that skips it, the instant of the jump; in an overlap that shows it
 * twice, the first time.
 */
final class QuietWindow {

    private QuietWindow() {
    }

    /** When the quiet hours that hold {@code now} end, or empty when {@code now} is outside them. */
    static Optional<Instant> heldUntil(QuietHours hours, ZoneId zone, Instant now) {
        LocalTime start = hours.start();
        LocalTime end = hours.end();
        if (start.equals(end)) {
            return Optional.empty();
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        LocalTime time = local.toLocalTime();
        LocalDate endDate;
        if (start.isBefore(end)) {
            if (time.isBefore(start) || !time.isBefore(end)) {
                return Optional.empty();
            }
            endDate = local.toLocalDate();
        } else if (!time.isBefore(start)) {
            endDate = local.toLocalDate().plusDays(1);
        } else if (time.isBefore(end)) {
            endDate = local.toLocalDate();
        } else {
            return Optional.empty();
        }
        return Optional.of(firstInstantShowing(LocalDateTime.of(endDate, end), zone));
    }

    private static Instant firstInstantShowing(LocalDateTime wallClock, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wallClock);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // Not a transition, or an overlap: atZone takes the earlier offset, the first time the clock shows it.
        return wallClock.atZone(zone).toInstant();
    }
}
