package dev.almanac.commands.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.notification.ChannelChoice;
import dev.almanac.events.notification.NotificationPreferencesSet;

/** The preferences as set, with their version; the webhook's secret is never echoed. */
record PreferencesResponse(String userId, String zone, @Nullable String email, @Nullable Map<String, Object> webhook,
                           Map<String, List<String>> channels, @Nullable Map<String, String> quietHours, Map<String, Integer> digest,
                           List<Map<String, @Nullable String>> suppress, long version) {

    static PreferencesResponse of(NotificationPreferencesSet set, long version) {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        for (ChannelChoice choice : set.channels()) {
            channels.put(lower(choice.category()), choice.channels().stream().map(PreferencesResponse::lower).toList());
        }
        Map<String, Object> webhook = set.webhook() == null ? null
                : Map.of("url", set.webhook().url(), "format", lower(set.webhook().format()), "secret_set", true);
        Map<String, String> quiet = set.quietHours() == null ? null
                : Map.of("start", set.quietHours().start().toString(), "end", set.quietHours().end().toString());
        List<Map<String, @Nullable String>> suppress = set.suppress().stream().map(rule -> {
            Map<String, @Nullable String> shown = new LinkedHashMap<>();
            shown.put("category", lower(rule.category()));
            shown.put("calendar_id", rule.calendarId() == null ? null : rule.calendarId().value());
            return shown;
        }).toList();
        return new PreferencesResponse(set.userId().value(), set.zone(), set.email(), webhook, channels, quiet,
                Map.of("window_minutes", set.digestWindowMinutes()), suppress, version);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
