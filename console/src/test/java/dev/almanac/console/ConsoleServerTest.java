package dev.almanac.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's file server, over HTTP as a browser meets it. */
class ConsoleServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern IMPORTED = Pattern.compile("(?:from|import)\\s+'(\\.{1,2}/[^']+)'");
    private static ConsoleServer server;

    @BeforeAll
    static void start() {
        server = ConsoleServer.start("127.0.0.1", 0, ConsoleServer.IdentityMode.DEVELOPMENT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void thePageIsAtTheRootWithAStrictContentSecurityPolicyAndRevalidatedEachVisit() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
                .contains("connect-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(page.body()).contains("<main id=\"main\"").containsPattern("\"/app/[0-9a-f]{12}/main.js\"")
                .contains("<meta name=\"almanac-identity-mode\" content=\"development\">");
    }

    /** A returning visit takes the modules from its cache without asking: the page names them by their release. */
    @Test
    void thePageNamesTheModulesByTheirReleaseWhichBrowsersKeepForAYear() throws Exception {
        Matcher main = Pattern.compile("\"(/app/([0-9a-f]{12})/main.js)\"").matcher(get("/").body());
        assertThat(main.find()).isTrue();
        HttpResponse<String> released = get(main.group(1));
        HttpResponse<String> plain = get("/app/main.js");
        HttpResponse<String> otherRelease = get("/app/000000000000/main.js");

        assertThat(released.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(released.body()).isEqualTo(plain.body());
        assertThat(plain.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(otherRelease.statusCode()).isEqualTo(200);
        assertThat(otherRelease.headers().firstValue("Cache-Control")).as("not this release's to keep").contains("no-cache");
        assertThat(get("/").body()).as("one release while the files are the same").contains(main.group(1));
    }

    /** The release is a digest of what the page lists; a module it did not list could change without a new release. */
    @Test
    void thePageListsEveryModuleAndStyleOfTheConsole() throws Exception {
        Path app = Path.of("src/main/resources/console/app");
        String page = Files.readString(Path.of("src/main/resources/console/index.html"));
        try (Stream<Path> files = Files.walk(app)) {
            List<String> names = files.filter(Files::isRegularFile).map(file -> app.relativize(file).toString().replace('\\', '/')).toList();
            assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(page).containsPattern("(src|href)=\"/app/" + Pattern.quote(name) + "\""));
        }
    }

    /** A page that names a file the jar lacks would load half a console: every script, style and module it reaches is served. */
    @Test
    void everyFileThePageAndItsModulesLoadIsServed() throws Exception {
        List<String> pending = new ArrayList<>(List.of("/"));
        List<String> seen = new ArrayList<>();
        while (!pending.isEmpty()) {
            String path = pending.remove(0);
            if (seen.contains(path)) {
                continue;
            }
            seen.add(path);
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            Matcher referenced = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(response.body());
            while (referenced.find()) {
                pending.add(referenced.group(1));
            }
            Matcher constant = Pattern.compile("'(/webjars/[^']+)'").matcher(response.body());
            while (constant.find()) {
                pending.add(constant.group(1));
            }
            Matcher imported = IMPORTED.matcher(response.body());
            while (imported.find()) {
                pending.add(URI.create("http://x" + path).resolve(imported.group(1)).getPath());
            }
        }
        assertThat(seen.stream().map(path -> path.replaceFirst("^/app/[0-9a-f]{12}/", "/app/")))
                .contains("/app/main.js", "/app/console.css", "/app/views/grid.js", "/app/views/conflicts.js",
                        "/webjars/fullcalendar/6.1.15/index.global.min.js");
    }

    @Test
    void filesAreGzippedForBrowsersThatTakeItAndAnsweredNotModifiedWhenUnchanged() throws Exception {
        HttpResponse<byte[]> plain = HTTP.send(request("/app/main.js").build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gzipped = HTTP.send(request("/app/main.js").header("Accept-Encoding", "gzip, br").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(gzipped.body().length).isLessThan(plain.body().length);
        assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());

        String etag = plain.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(request("/app/main.js").header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void theVersionedBundleIsKeptByBrowsersForAYear() throws Exception {
        HttpResponse<String> bundle = get("/webjars/fullcalendar/6.1.15/index.global.min.js");

        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(bundle.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    }

    @Test
    void theSettingsTellThePageTheIdentityModeAndHealthAnswersProbes() throws Exception {
        assertThat(get("/console-settings.json").body()).isEqualTo("{\"identity_mode\":\"development\",\"api\":\"/api/v1\"}");
        assertThat(get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void nothingOutsideItsFilesIsServed() throws Exception {
        for (String path : List.of("/app/../index.html", "/app/%2e%2e/x.js", "/webjars/../META-INF/MANIFEST.MF", "/app/.hidden.js",
                "/dev/almanac/console/ConsoleServer.class", "/app/main.class", "/nothing", "/app//main.js")) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).contains("application/problem+json");
        }
    }

    @Test
    void onlyReadsAreAnswered() throws Exception {
        HttpResponse<String> post = HTTP.send(request("/").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<Void> head = HTTP.send(request("/").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length").map(Integer::parseInt)).hasValueSatisfying(length -> assertThat(length).isPositive());
    }

    @Test
    void anUnknownIdentityModeIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsoleServer.IdentityMode.parse("none"))
                .hasMessageContaining("ALMANAC_CONSOLE_IDENTITY_MODE is jwt or development");
        assertThat(ConsoleServer.IdentityMode.parse(" JWT ")).isEqualTo(ConsoleServer.IdentityMode.JWT);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}
