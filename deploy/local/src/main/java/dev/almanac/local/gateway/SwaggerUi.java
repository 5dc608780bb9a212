package dev.almanac.local.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import dev.almanac.platform.http.ProblemBodies;

/**
 * Swagger UI at {@value #HOME}, from the {@code org.webjars:swagger-ui} jar, showing the OpenAPI document of every
 * service the route table publishes one for ({@link RouteTable#openApiDocuments()}); {@code /docs} and
 * {@code /swagger-ui} lead there. Its files are read from the class path once and kept.
 */
final class SwaggerUi {

    static final String HOME = "/swagger-ui/";
    /** Swagger UI's configuration: the documents it offers, read by the page at start. */
    static final String CONFIG = HOME + "swagger-config.json";
    private static final String INITIALIZER = HOME + "swagger-initializer.js";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** A file of the distribution: a plain name, so no request reaches beyond its directory. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "png", "image/png",
            "txt", "text/plain; charset=utf-8");

    /**
     * The distribution's own page loads this in place of its example's: the documents come from {@value #CONFIG}, and
     * the rest is the distribution's default set-up.
     */
    private static final byte[] INITIALIZER_SCRIPT = """
            window.onload = function () {
              window.ui = SwaggerUIBundle({
                configUrl: "swagger-config.json",
                dom_id: "#swagger-ui",
                deepLinking: true,
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                layout: "StandaloneLayout"
              });
            };
            """.getBytes(StandardCharsets.UTF_8);

    private final String directory;
    private final byte[] config;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    private SwaggerUi(String directory, byte[] config) {
        this.directory = directory;
        this.config = config;
    }

    /** @param documents each service's name and the path its OpenAPI document is routed at, in the order to list them */
    static SwaggerUi of(Map<String, String> documents) {
        String urls = documents.entrySet().stream()
                .map(document -> "{\"name\":\"" + document.getKey() + "\",\"url\":\"" + document.getValue() + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        return new SwaggerUi(WEBJAR + webjarVersion() + "/", ("{\"urls\":" + urls + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code path} is one of its pages, or one that leads there. */
    static boolean serves(String path) {
        return path.equals("/docs") || path.equals("/swagger-ui") || path.startsWith(HOME);
    }

    /** Answers a GET of a path it {@link #serves}: a redirect, a page, or a problem where the distribution has no such file. */
    Mono<Void> answer(String path, HttpServerResponse response) {
        if (!path.startsWith(HOME)) {
            return response.status(HttpResponseStatus.FOUND).header(HttpHeaderNames.LOCATION, HOME).send();
        }
        String name = path.substring(HOME.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        byte[] body = path.equals(CONFIG) ? config : path.equals(INITIALIZER) ? INITIALIZER_SCRIPT : file(name);
        if (body == null) {
            return response.status(HttpResponseStatus.NOT_FOUND)
                    .header(HttpHeaderNames.CONTENT_TYPE, ProblemBodies.CONTENT_TYPE)
                    .sendString(Mono.just(ProblemBodies.document(HttpResponseStatus.NOT_FOUND, "No such page",
                            "Swagger UI has no " + name, null, null)), StandardCharsets.UTF_8)
                    .then();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return response.header(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"))
                .sendByteArray(Mono.just(body))
                .then();
    }

    private byte @Nullable [] file(String name) {
        if (!FILE.matcher(name).matches()) {
            return null;
        }
        byte[] kept = files.get(name);
        if (kept != null) {
            return kept;
        }
        try (InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(directory + name)) {
            if (in == null) {
                return null;
            }
            byte[] read = in.readAllBytes();
            files.put(name, read);
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of the webjar on the class path, which names the directory its files are in. */
    private static String webjarVersion() {
        try (InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(WEBJAR_VERSION)) {
            if (in == null) {
                throw new IllegalStateException(WEBJAR_VERSION + " is missing: org.webjars:swagger-ui is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
