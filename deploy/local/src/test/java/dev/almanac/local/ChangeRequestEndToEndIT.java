package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A confirm-first change request through the gateway, with every service running: the proposal's
 * "before" list is what rule-expander has materialised, nothing changes until the proposal is
 * confirmed, and after the confirmation the calendar holds exactly the proposal's "after" list,
 * jitter and DST policy included.
 */
class ChangeRequestEndToEndIT {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String api;

    @BeforeAll
    static void startTheStack() {
        api = TestStack.shared().gatewayUrl() + "/api/v1";
    }

    @Test
    void theCalendarHoldsTheProposalsBeforeListUntilTheConfirmationAndItsAfterListFromThen() {
        String calendar = "cal-" + UUID.randomUUID();
        assertThat(send("POST", "/calendars", Map.of("id", calendar, "name", "Ops", "type", "queue", "timezone", "America/New_York",
                "capacity", 100, "overbooking_policy", "allow"), null).statusCode()).isEqualTo(201);
        String rule = "rule-" + UUID.randomUUID();
        assertThat(send("POST", "/schedules/rules", Map.of("id", rule, "name", "Morning check", "cron", "0 6 * * *",
                "timezone", "America/New_York", "queue", calendar, "options", Map.of("jitter_seconds", 600),
                "job_template", Map.of("type", "health_check", "estimated_duration", "5m")), null).statusCode()).isEqualTo(201);

        // Half past the hour three hours from now in New York: no occurrence of the new schedule falls between the proposal
        // and its confirmation, and the new time is never the rule's own 6:00, whose occurrences the change would keep
        // rather than withdraw (a verify at 03:00 New York time proposed "at 6:00").
        String time = LocalTime.now(NEW_YORK).plusHours(3).withMinute(30).format(DateTimeFormatter.ofPattern("H:mm"));
        HttpResponse<String> proposed = send("POST", "/schedules/rules/" + rule + "/change-requests",
                Map.of("instruction", "every monday and thursday at " + time), null);
        assertThat(proposed.statusCode()).as("proposal: %s", proposed.body()).isEqualTo(201);
        JsonNode proposal = JSON.readTree(proposed.body());
        String changeRequest = proposal.get("id").asString();
        List<JsonNode> before = list(proposal.get("before").get("occurrences"));
        List<JsonNode> after = list(proposal.get("after").get("occurrences"));
        assertThat(before).hasSize(10);
        assertThat(after).hasSize(10);

        // The before list is what rule-expander has materialised, and the proposal changed nothing.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertMaterialised(before));
        JsonNode shown = getJson("/schedules/rules/" + rule + "/change-requests?consistency_token="
                + proposed.headers().firstValue("Almanac-Consistency-Token").orElseThrow());
        assertThat(list(shown.get("change_requests"))).extracting(request -> request.get("id").asString()).containsExactly(changeRequest);
        assertThat(shown.get("change_requests").get(0).get("after")).isEqualTo(proposal.get("after"));
        assertThat(getJson("/schedules/rules/" + rule).get("cron").asString()).isEqualTo("0 6 * * *");
        assertThat(entriesOf(calendar, rule, before)).extracting(entry -> entry.get("id").asString())
                .containsExactlyElementsOf(ids(before));

        HttpResponse<String> confirmed = send("POST", "/schedules/rules/" + rule + "/change-requests/" + changeRequest + "/confirm", null,
                proposed.headers().firstValue("ETag").orElseThrow());
        assertThat(confirmed.statusCode()).as("confirmation: %s", confirmed.body()).isEqualTo(200);

        // From the confirmation on, the calendar holds exactly the after list, and the before list is withdrawn.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertMaterialised(after);
            assertThat(entriesOf(calendar, rule, after)).extracting(entry -> entry.get("id").asString())
                    .containsExactlyElementsOf(ids(after));
            for (JsonNode withdrawn : before) {
                JsonNode entry = getJson("/schedules/" + withdrawn.get("occurrence_id").asString());
                assertThat(entry.get("status").asString()).isEqualTo("cancelled");
                assertThat(entry.get("cancel_reason").asString()).isEqualTo("rule_updated");
            }
        });
        String token = confirmed.headers().firstValue("Almanac-Consistency-Token").orElseThrow();
        assertThat(getJson("/schedules/rules/" + rule + "?consistency_token=" + token).get("cron").asString())
                .isEqualTo(proposal.get("patch").get("cron").asString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(getJson("/schedules/rules/" + rule + "/change-requests/" + changeRequest).get("status").asString())
                    .isEqualTo("confirmed");
            assertThat(getJson("/schedules/rules/" + rule + "/change-requests").get("change_requests")).isEmpty();
        });
    }

    /** Each occurrence is on the calendar with the id, start and end the proposal showed. */
    private static void assertMaterialised(List<JsonNode> occurrences) {
        for (JsonNode occurrence : occurrences) {
            HttpResponse<String> response = send("GET", "/schedules/" + occurrence.get("occurrence_id").asString(), null, null);
            assertThat(response.statusCode()).as("occurrence %s: %s", occurrence, response.body()).isEqualTo(200);
            JsonNode entry = JSON.readTree(response.body());
            assertThat(entry.get("status").asString()).isEqualTo("scheduled");
            assertThat(Instant.parse(entry.get("start").asString())).isEqualTo(Instant.parse(occurrence.get("start").asString()));
            assertThat(Instant.parse(entry.get("end").asString())).isEqualTo(Instant.parse(occurrence.get("end").asString()));
        }
    }

    /** The rule's scheduled entries from an hour before the list's first occurrence to an hour after its last, in order. */
    private static List<JsonNode> entriesOf(String calendar, String rule, List<JsonNode> occurrences) {
        Instant from = Instant.parse(occurrences.get(0).get("start").asString()).minus(Duration.ofHours(1));
        Instant till = Instant.parse(occurrences.get(occurrences.size() - 1).get("start").asString()).plus(Duration.ofHours(1));
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : getJson("/calendars/" + calendar + "/entries?from=" + from + "&till=" + till + "&limit=1000").get("entries")) {
            if (rule.equals(entry.path("rule_id").asString(null))) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static List<String> ids(List<JsonNode> occurrences) {
        return occurrences.stream().map(occurrence -> occurrence.get("occurrence_id").asString()).toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static JsonNode getJson(String path) {
        HttpResponse<String> response = send("GET", path, null, null);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, Object body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
