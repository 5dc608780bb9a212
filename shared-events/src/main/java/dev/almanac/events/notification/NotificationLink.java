package dev.almanac.events.notification;

/**
 * A path of Almanac's public API where the thing a notification concerns is shown.
 *
 * @param rel  what the path shows: {@code calendar}, {@code rule}, {@code item}, {@code conflict}, {@code change_request}
 * @param href the path, from {@code /api/v1}
 */
public record NotificationLink(String rel, String href) {
}
