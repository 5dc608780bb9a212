package dev.almanac.tui.api;

import java.util.List;
import java.util.Map;

/** What /calendar/config says the client draws with: zones, week start, clock, and the heatmap's colours. */
public record CalendarConfig(String defaultTimezone, List<String> supportedTimezones, String weekStart, String timeFormat,
                             Map<String, String> densityColors) {

    public CalendarConfig {
        supportedTimezones = List.copyOf(supportedTimezones);
        densityColors = Map.copyOf(densityColors);
    }
}
