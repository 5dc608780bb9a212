package dev.almanac.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The files of the console, by the path a browser asks for: the page at {@code /}, the console's own modules and
 * styles under {@value #APP}, and FullCalendar's bundle under {@value #WEBJARS}. Each is read from the class path on
 * first use and kept; a path outside these, or one that tries to climb out of them, names no file. With a source
 * directory ({@code ALMANAC_CONSOLE_FILES}, for whoever works on the console), the page and the modules are read from it
 * on every request instead, so an edit shows on the next reload.
 *
 * <p>The page names the console's files under their release, {@code /app/<release>/main.js}, where the release is a
 * digest of the page and every file it lists. Those paths never change what they hold, so a browser keeps them without
 * asking again, and a new release is a new path: a returning visit loads its modules from the cache, not in three rounds
 * of revalidation (one per level of imports). The page also carries the identity mode, so it needs no read to start.
 */
final class ConsoleFiles {

    static final String APP = "/app/";
    static final String WEBJARS = "/webjars/";
    private static final String APP_RESOURCES = "console/app/";
    private static final String WEBJAR_RESOURCES = "META-INF/resources/webjars/";
    private static final String PAGE = "console/index.html";
    /** A file of one release: its digest, then the file's path under {@value #APP}. */
    private static final Pattern RELEASED = Pattern.compile("/app/([0-9a-f]{12})/(.+)");
    /** What the page loads of the console's own files; it lists every one, so that they are all in the release. */
    private static final Pattern LISTED = Pattern.compile("(?:src|href)=\"/app/([^\"]+)\"");
    /** Plain names in plain directories: no {@code ..}, no empty segment, nothing a file system would read otherwise. */
    private static final Pattern SAFE_PATH = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*/)*[A-Za-z0-9][A-Za-z0-9._-]*\\.[a-z0-9]+");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "md", "text/markdown; charset=utf-8");

    private final ClassLoader loader;
    private final @Nullable Path sources;
    private final String identityMode;
    /** The page as served, with its release; read once unless read from sources. */
    private volatile @Nullable Release release;
    /** Only files that exist are kept, so requests for paths that name none cannot grow it. */
    private final Map<String, ConsoleFile> read = new ConcurrentHashMap<>();

    /**
     * @param sources      a directory holding {@code console/index.html} and {@code console/app/}, read afresh each time; or null
     * @param identityMode how the page identifies its user ({@code jwt} or {@code development}), written into the page
     */
    ConsoleFiles(ClassLoader loader, @Nullable Path sources, String identityMode) {
        this.loader = loader;
        this.sources = sources;
        this.identityMode = identityMode;
    }

    /** The page and the digest that names its files. */
    private record Release(String digest, ConsoleFile page) {
    }

    /** The file a GET of {@code path} answers with, if any. */
    Optional<ConsoleFile> find(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return Optional.of(release().page());
        }
        Matcher released = RELEASED.matcher(path);
        if (released.matches()) {
            // A page of another release gets this release's file, which it must not keep as its own.
            boolean current = sources == null && released.group(1).equals(release().digest());
            return inside(released.group(2), APP_RESOURCES, current);
        }
        if (path.startsWith(APP)) {
            return inside(path.substring(APP.length()), APP_RESOURCES, false);
        }
        if (path.startsWith(WEBJARS)) {
            // A WebJar's path names its version, so what it holds never changes.
            return inside(path.substring(WEBJARS.length()), WEBJAR_RESOURCES, true);
        }
        return Optional.empty();
    }

    private Optional<ConsoleFile> inside(String name, String directory, boolean immutable) {
        if (!SAFE_PATH.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return kept(directory + name, immutable);
    }

    private Optional<ConsoleFile> kept(String resource, boolean immutable) {
        if (sources != null && resource.startsWith("console/")) {
            return fromSources(resource);
        }
        String key = immutable ? "immutable:" + resource : resource;
        ConsoleFile file = read.get(key);
        if (file != null) {
            return Optional.of(file);
        }
        Optional<ConsoleFile> loaded = load(resource, immutable);
        loaded.ifPresent(found -> read.putIfAbsent(key, found));
        return loaded;
    }

    private Release release() {
        Release current = release;
        if (current != null && sources == null) {
            return current;
        }
        String page = new String(kept(PAGE, false).orElseThrow(() -> new IllegalStateException("the console has no " + PAGE)).body(),
                StandardCharsets.UTF_8);
        page = page.replace("<meta charset=\"utf-8\">",
                "<meta charset=\"utf-8\">\n  <meta name=\"almanac-identity-mode\" content=\"" + identityMode + "\">");
        if (sources != null) {
            // Files read afresh are never kept by the browser, so they keep their plain paths.
            return new Release("", ConsoleFile.of(page.getBytes(StandardCharsets.UTF_8), CONTENT_TYPES.get("html"), false));
        }
        String digest = digestOf(page);
        current = new Release(digest, ConsoleFile.of(page.replace("\"" + APP, "\"" + APP + digest + "/").getBytes(StandardCharsets.UTF_8),
                CONTENT_TYPES.get("html"), false));
        release = current;
        return current;
    }

    /** Of the page and every file it lists. */
    private String digestOf(String page) {
        StringBuilder contents = new StringBuilder(page.length() * 8).append(page);
        Matcher listed = LISTED.matcher(page);
        while (listed.find()) {
            ConsoleFile file = inside(listed.group(1), APP_RESOURCES, false)
                    .orElseThrow(() -> new IllegalStateException("the console's page lists " + APP + listed.group(1) + ", which it lacks"));
            contents.append('\0').append(listed.group(1)).append('\0').append(file.etag());
        }
        return ConsoleFile.sha256(contents.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    private Optional<ConsoleFile> fromSources(String resource) {
        Path file = sources.resolve(resource).normalize();
        String contentType = contentType(resource);
        if (contentType == null || !file.startsWith(sources) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConsoleFile.of(Files.readAllBytes(file), contentType, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable String contentType(String resource) {
        return CONTENT_TYPES.get(resource.substring(resource.lastIndexOf('.') + 1));
    }

    private Optional<ConsoleFile> load(String resource, boolean immutable) {
        String contentType = contentType(resource);
        if (contentType == null) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(ConsoleFile.of(in.readAllBytes(), contentType, immutable));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
