package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo data against a stand-in for the gateway that answers creations as command-service does: 201 for a new id,
 * 200 for the same request again, 409 for another request on a taken id.
 */
class DemoDataTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant FIRST_START = Instant.parse("2026-11-30T09:37:42Z");
    private static final String EXECUTOR = "http://127.0.0.1:8087";

    private record Post(String path, JsonNode body, @Nullable String authorization) {
    }

    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, String> created = new ConcurrentHashMap<>();
    private HttpServer api;

    @BeforeEach
    void startTheApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api/v1/", this::answer);
        api.start();
    }

    @AfterEach
    void stopTheApi() {
        api.stop(0);
    }

    @Test
    void seedsTheExecutorsHeartbeatOnTheOpsCalendarBeatingEveryMinuteWithHalfAMinutesGrace() {
        demoAt(FIRST_START, EXECUTOR).seed();

        JsonNode heartbeat = ruleNamed(DemoData.EXECUTOR_HEARTBEAT_RULE);
        assertThat(heartbeat.get("queue").asString()).isEqualTo(DemoData.OPS);
        assertThat(heartbeat.get("heartbeat").get("interval").asString()).isEqualTo("1m");
        assertThat(heartbeat.get("heartbeat").get("grace").asString()).isEqualTo("30s");
        assertThat(heartbeat.has("cron") || heartbeat.has("rrule")).as("a heartbeat is its whole schedule").isFalse();
        assertThat(heartbeat.get("dtstart").asString()).as("two whole minutes on, in UTC").isEqualTo("2026-11-30T09:39:00");
        assertThat(heartbeat.get("timezone").asString()).isEqualTo("UTC");
    }

    @Test
    void seedingAgainLaterCreatesNothingAndLeavesWhatMovedOnAsItIs() {
        int first = demoAt(FIRST_START, EXECUTOR).seed();

        int again = demoAt(FIRST_START.plus(Duration.ofHours(30)), EXECUTOR).seed();

        assertThat(first).isEqualTo(created.size()).isGreaterThan(10);
        assertThat(again).as("the heartbeat's and the items' times moved on, and each is left as it is").isZero();
        assertThat(posts).filteredOn(post -> post.body().has("id")
                        && post.body().get("id").asString().equals(DemoData.EXECUTOR_HEARTBEAT_RULE))
                .hasSize(2);
    }

    @Test
    void withoutTheExecutorThereIsNoHeartbeatToReport() {
        demoAt(FIRST_START, null).seed();

        assertThat(created).doesNotContainKeys(DemoData.EXECUTOR_HEARTBEAT_RULE, DemoData.HTTP_RULE);
    }

    @Test
    void inJwtModeEveryRequestCarriesTheAdminsTokenAndInDevelopmentModeNone() {
        new DemoData("http://127.0.0.1:" + api.getAddress().getPort(), EXECUTOR, Clock.fixed(FIRST_START, ZoneOffset.UTC), "t0k3n").seed();
        int withToken = posts.size();
        demoAt(FIRST_START, EXECUTOR).seed();

        assertThat(posts.subList(0, withToken)).extracting(Post::authorization).containsOnly("Bearer t0k3n");
        assertThat(posts.subList(withToken, posts.size())).extracting(Post::authorization).containsOnlyNulls();
    }

    @Test
    void runLocalTellsTheExecutorTheHeartbeatInVariablesItReads() throws IOException {
        String settings = Files.readString(Checkout.root().resolve("executor/src/main/resources/application.yml"));

        assertThat(AlmanacLocal.EXECUTOR_HEARTBEAT).containsEntry("ALMANAC_EXECUTOR_HEARTBEAT_RULE_ID", DemoData.EXECUTOR_HEARTBEAT_RULE)
                .containsEntry("ALMANAC_EXECUTOR_HEARTBEAT_CALENDAR_ID", DemoData.OPS);
        AlmanacLocal.EXECUTOR_HEARTBEAT.keySet().forEach(variable -> assertThat(settings).contains("${" + variable + ":"));
    }

    private DemoData demoAt(Instant now, String executorUrl) {
        return new DemoData("http://127.0.0.1:" + api.getAddress().getPort(), executorUrl, Clock.fixed(now, ZoneOffset.UTC));
    }

    private JsonNode ruleNamed(String id) {
        return posts.stream().filter(post -> post.path().equals("/api/v1/schedules/rules") && post.body().get("id").asString().equals(id))
                .map(Post::body).findFirst().orElseThrow(() -> new AssertionError("no rule " + id + " was created"));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode json = JSON.readTree(body);
        posts.add(new Post(exchange.getRequestURI().getPath(), json, exchange.getRequestHeaders().getFirst("Authorization")));
        int status = 200;
        if (json.has("id")) {
            String before = created.putIfAbsent(json.get("id").asString(), body);
            status = before == null ? 201 : before.equals(body) ? 200 : 409;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
