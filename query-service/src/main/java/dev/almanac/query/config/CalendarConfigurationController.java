package dev.almanac.query.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.almanac.query.web.QueryParameters;

@RestController
@Tag(name = "Calendar configuration", description = "Display defaults and limits for calendar frontends (seed 000)")
public class CalendarConfigurationController {

    private final CalendarConfiguration configuration;
    private final String etag;

    public CalendarConfigurationController(CalendarSettings settings) {
        this.configuration = new CalendarConfiguration(settings.defaultTimezone(),
                ZoneId.getAvailableZoneIds().stream().sorted().toList(),
                new CalendarConfiguration.ViewSettings(settings.defaultView(), settings.weekStart(), settings.format(), settings.densityColors()),
                new CalendarConfiguration.Limits(QueryParameters.MAX_WINDOW_DAYS, QueryParameters.MAX_JOBS_PER_REQUEST));
        // From the content, so every replica with the same settings and tzdata answers the same ETag.
        this.etag = '"' + HexFormat.of().formatHex(sha256(configuration.toString()), 0, 8) + '"';
    }

    @GetMapping("/api/v1/calendar/config")
    @Operation(summary = "Get calendar configuration", description = """
            Display defaults (almanac.calendar.* settings) and the limits the queries enforce. supported_timezones \
            lists exactly the zones every timezone parameter accepts. Answers an ETag; If-None-Match with it \
            answers 304.""")
    @ApiResponse(responseCode = "200", description = "The configuration, shaped as seed 000's CalendarConfiguration")
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current ETag")
    public ResponseEntity<CalendarConfiguration> configuration() {
        // WebFlux answers a matching If-None-Match with 304 for any GET whose entity carries an ETag.
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache()).body(configuration);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
