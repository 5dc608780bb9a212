package dev.almanac.events.notification;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A command the recipient may send about what the notification concerns: an existing endpoint of the public API, with
 * the body it takes. Sending it is the recipient's choice; the command answers as it would anyone.
 *
 * @param name   what it does: {@code approve_and_run}, {@code reschedule}, {@code delete}, {@code confirm}, {@code reject}
 * @param method the HTTP method
 * @param path   the path, from {@code /api/v1}
 * @param body   the JSON body to send; a reschedule also needs {@code new_time}, which the recipient chooses
 */
public record NotificationAction(String name, String method, String path, Map<String, @Nullable Object> body) {

    public NotificationAction {
        body = body == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }
}
