package dev.almanac.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.query.support.QueryApiTest;

@QueryApiTest
class CalendarConfigurationApiTest {

    @Autowired
    WebTestClient client;

    @Test
    void answersTheSeedsShapeWithTheLimitsTheQueriesEnforce() {
        byte[] body = client.get().uri("/api/v1/calendar/config")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.default_timezone").isEqualTo("UTC")
                .jsonPath("$.view_settings.default_view").isEqualTo("month")
                .jsonPath("$.view_settings.week_start").isEqualTo("monday")
                .jsonPath("$.view_settings.time_format").isEqualTo("24h")
                .jsonPath("$.view_settings.density_colors.critical").isEqualTo("#ef5350")
                .jsonPath("$.view_settings.density_thresholds.medium").isEqualTo(0.25)
                .jsonPath("$.view_settings.density_thresholds.critical").isEqualTo(0.75)
                .jsonPath("$.limits.max_window_days").isEqualTo(365)
                .jsonPath("$.limits.max_jobs_per_request").isEqualTo(1000)
                // The slice is given 7, as command-service would be: one setting for the limit enforced and shown.
                .jsonPath("$.limits.max_rules_per_user").isEqualTo(7)
                .jsonPath("$.supported_timezones.length()").isEqualTo(ZoneId.getAvailableZoneIds().size())
                .returnResult().getResponseBody();

        String json = new String(body, StandardCharsets.UTF_8);
        assertThat(JsonSchemas.seed000Errors("CalendarConfiguration", json)).isEmpty();
        assertThat(json).contains("\"Asia/Kathmandu\"", "\"Australia/Lord_Howe\"", "\"America/New_York\"");
    }

    @Test
    void theSameConfigurationIsNotSentTwice() {
        String etag = client.get().uri("/api/v1/calendar/config")
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getETag();
        assertThat(etag).startsWith("\"").endsWith("\"");

        client.get().uri("/api/v1/calendar/config")
                .header("If-None-Match", etag)
                .exchange()
                .expectStatus().isNotModified()
                .expectBody().isEmpty();
        client.get().uri("/api/v1/calendar/config")
                .header("If-None-Match", "\"something-else\"")
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void settingsThatNoFrontendCouldUseStopTheServiceAtStartUp() {
        CalendarConfiguration.DensityColors colours = new CalendarConfiguration.DensityColors("#e8f5e8", "#a5d6a7", "#66bb6a", "#ef5350");
        CalendarConfiguration.DensityThresholds levels = new CalendarConfiguration.DensityThresholds(0.25, 0.5, 0.75);
        assertThat(new CalendarSettings("Asia/Kolkata", "week", "sunday", "12h", colours, levels).format()).isEqualTo(TimeFormat.TWELVE_HOUR);
        assertThatThrownBy(() -> new CalendarSettings("Mars/Olympus", "month", "monday", "24h", colours, levels))
                .hasMessageContaining("default-timezone");
        assertThatThrownBy(() -> new CalendarSettings("UTC", "year", "monday", "24h", colours, levels)).hasMessageContaining("default-view");
        assertThatThrownBy(() -> new CalendarSettings("UTC", "month", "friday", "24h", colours, levels)).hasMessageContaining("week-start");
        assertThatThrownBy(() -> new CalendarSettings("UTC", "month", "monday", "25h", colours, levels)).hasMessageContaining("time-format");
        assertThatThrownBy(() -> new CalendarConfiguration.DensityColors("#e8f5e8", "#a5d6a7", "#66bb6a", "red"))
                .hasMessageContaining("density-colors.critical");
        assertThatThrownBy(() -> new CalendarConfiguration.DensityColors("#fff", "#a5d6a7", "#66bb6a", "#ef5350"))
                .hasMessageContaining("density-colors.low");
        assertThatThrownBy(() -> new CalendarConfiguration.DensityThresholds(0.5, 0.25, 0.75)).hasMessageContaining("density-thresholds");
        assertThatThrownBy(() -> new CalendarConfiguration.DensityThresholds(0.25, 0.5, 1.5)).hasMessageContaining("density-thresholds");
    }
}
