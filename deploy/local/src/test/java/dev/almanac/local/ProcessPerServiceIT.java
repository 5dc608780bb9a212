package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.ScratchDirectories;

/**
 * The stack with a JVM per service ({@code ALMANAC_SERVICE_JVMS=each}), the other way it runs beside the default one
 * JVM that {@link TestStack} runs (ADR 0099): each service is a process of its own, rule-expander at a lower CPU
 * priority, a command goes through all of them, and a service killed outright is started again alone.
 */
class ProcessPerServiceIT {

    private static final List<String> JAVA_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path home;
    private static LocalStack stack;
    private static String api;

    @BeforeAll
    static void startAStackWithAJvmPerService() throws IOException {
        home = Files.createTempDirectory("almanac-it-each-");
        stack = LocalStack.start(new LocalStack.Options(Checkout.root(), home, false, EmbeddedInfrastructure.Ports.anyFree(), 0,
                Map.of(), JAVA_OPTIONS, LocalStack.Options.LOOPBACK, Map.of(), 0, Map.of(), ServiceHosting.JVM_PER_SERVICE,
                LocalStack.Options.HOST_JAVA_OPTIONS));
        api = stack.gatewayUrl() + "/api/v1";
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
        ScratchDirectories.delete(home);
    }

    @Test
    void eachServiceIsAProcessOfItsOwnThatNamesOnlyItsOwnJar() {
        Map<Service, Long> pids = pids();

        assertThat(pids.values()).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());
        pids.forEach((service, pid) -> {
            String commandLine = ProcessHandle.of(pid).orElseThrow().info().commandLine().orElse("");
            assertThat(commandLine).as(service.serviceName()).contains(service.serviceName() + ".jar").doesNotContain("ServicesHost");
        });
    }

    @Test
    void ruleExpanderRunsAtALowerCpuPriorityThanTheServicesPeopleWaitFor() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/nice")) || Files.isExecutable(Path.of("/bin/nice")), "nice is there");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a process's niceness is read from Linux's /proc");

        assertThat(niceness(stack.pidOf(Service.RULE_EXPANDER))).isEqualTo(10);
        assertThat(niceness(stack.pidOf(Service.QUERY_SERVICE))).isEqualTo(niceness(ProcessHandle.current().pid()));
    }

    @Test
    void aServiceKilledOutrightIsStartedAgainAloneAndACommandGoesThroughEveryService() {
        String calendar = "cal-" + UUID.randomUUID();
        assertThat(send("POST", "/calendars", Map.of("id", calendar, "name", "Room", "type", "venue", "timezone", "Asia/Kolkata",
                "capacity", 1, "overbooking_policy", "allow")).statusCode()).isEqualTo(201);
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String item = schedule(calendar, start);
        await().atMost(Duration.ofSeconds(60)).until(() -> send("GET", "/schedules/" + item, null).statusCode() == 200);
        Map<Service, Long> before = pids();
        int restarts = stack.restartsOf(Service.QUERY_SERVICE);

        ProcessHandle.of(before.get(Service.QUERY_SERVICE)).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> stack.restartsOf(Service.QUERY_SERVICE) == restarts + 1);
        Map<Service, Long> after = pids();
        before.forEach((service, pid) -> {
            if (service == Service.QUERY_SERVICE) {
                assertThat(after.get(service)).as("the killed one runs anew").isNotEqualTo(pid);
            } else {
                assertThat(after.get(service)).as(service.serviceName() + " kept running").isEqualTo(pid);
            }
        });
        // A clash taken while query-service starts again: the read model rebuilt from the topics holds both, in conflict.
        String clash = schedule(calendar, start);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            assertThat(send("GET", "/schedules/" + item, null).statusCode()).isEqualTo(200);
            assertThat(send("GET", "/schedules/" + clash, null).statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(send("GET", "/conflicts?calendar_id=" + calendar + "&status=detected", null).body())
                    .get("conflicts")).hasSize(1);
        });
    }

    private static Map<Service, Long> pids() {
        Map<Service, Long> pids = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            pids.put(service, stack.pidOf(service));
        }
        return pids;
    }

    private static String schedule(String calendar, Instant start) {
        String id = "item-" + UUID.randomUUID();
        HttpResponse<String> response = send("POST", "/schedules", Map.of("id", id, "calendar_id", calendar, "title", "Review",
                "type", "meeting", "start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(), "timezone", "Asia/Kolkata"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }

    /** The 19th field of /proc/PID/stat: the process's niceness. */
    private static int niceness(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    private static HttpResponse<String> send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
