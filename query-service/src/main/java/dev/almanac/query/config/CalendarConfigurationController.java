package dev.almanac.query.config;


import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.almanac.events.IanaZones;
import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Calendar configuration", description = "Display defaults and limits for calendar frontends (seed 000)")
public class CalendarConfigurationController {

    private final CalendarConfiguration configuration;

    /**
     * @param maxRulesPerUser the limit command-service enforces, read from the same setting
     *                        ({@code almanac.commands.rules.max-rules-per-user}, default 50) so that one value
     *                        given to both services is the one they enforce and show
     */
    public CalendarConfigurationController(CalendarSettings settings,
                                           @Value("${almanac.commands.rules.max-rules-per-user:50}") int maxRulesPerUser) {
        this.configuration = new CalendarConfiguration(settings.defaultTimezone(),
                IanaZones.sorted(),
                new CalendarConfiguration.ViewSettings(settings.defaultView(), settings.weekStart(), settings.format(), settings.densityColors(),
                        settings.densityThresholds()),
                new CalendarConfiguration.Limits(QueryParameters.MAX_WINDOW_DAYS, QueryParameters.MAX_JOBS_PER_REQUEST, maxRulesPerUser));
    }

    @GetMapping("/api/v1/calendar/config")
    @Operation(summary = "Get calendar configuration", description = """
            Display defaults (almanac.calendar.* settings) and the limits the queries enforce. supported_timezones \
            lists exactly the zones every timezone parameter accepts. Answers an ETag; If-None-Match with it \
            answers 304.""")
    @ApiResponse(responseCode = "200", description = "The configuration, shaped as seed 000's CalendarConfiguration")
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current ETag")
    public ResponseEntity<CalendarConfiguration> configuration() {
        // The ETag comes from the body (ContentEtags): the same on every replica with the same settings and tzdata.
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(configuration);
    }
}
