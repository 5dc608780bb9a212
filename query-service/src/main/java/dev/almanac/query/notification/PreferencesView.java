package dev.almanac.query.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.notification.ChannelChoice;
import dev.almanac.events.notification.NotificationPreferencesSet;

/** The caller's notification preferences as last set; the webhook's secret is never shown, only that one is set. */
@Schema(name = "NotificationPreferences")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreferencesView(
        String userId,
        @Schema(description = "IANA zone in which quiet hours are read") String zone,
        @Nullable String email,
        @Schema(description = "url, format (slack or json) and secret_set") @Nullable Map<String, Object> webhook,
        @Schema(description = "Channels per category; a category not listed reaches the centre and every channel configured")
        Map<String, List<String>> channels,
        @Schema(description = "start and end, HH:MM on the user's clock") @Nullable Map<String, String> quietHours,
        @Schema(description = "window_minutes; 0, no digest") Map<String, Integer> digest,
        @Schema(description = "category and, when only one calendar's, calendar_id") List<Map<String, String>> suppress,
        @Schema(description = "The version the last PUT answered in its ETag") long version) {

    static PreferencesView of(NotificationPreferencesSet set, long version) {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        for (ChannelChoice choice : set.channels()) {
            channels.put(lower(choice.category()), choice.channels().stream().map(PreferencesView::lower).toList());
        }
        Map<String, Object> webhook = set.webhook() == null ? null
                : Map.of("url", set.webhook().url(), "format", lower(set.webhook().format()), "secret_set", true);
        Map<String, String> quiet = set.quietHours() == null ? null
                : Map.of("start", set.quietHours().start().toString(), "end", set.quietHours().end().toString());
        List<Map<String, String>> suppress = set.suppress().stream().map(rule -> {
            Map<String, String> shown = new LinkedHashMap<>();
            shown.put("category", lower(rule.category()));
            if (rule.calendarId() != null) {
                shown.put("calendar_id", rule.calendarId().value());
            }
            return shown;
        }).toList();
        return new PreferencesView(set.userId().value(), set.zone(), set.email(), webhook, channels, quiet,
                Map.of("window_minutes", set.digestWindowMinutes()), suppress, version);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
