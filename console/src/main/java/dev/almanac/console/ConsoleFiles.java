package dev.almanac.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The files of the console, by the path a browser asks for: the page at {@code /}, the console's own modules and
 * styles under {@value #APP}, and FullCalendar's bundle under {@value #WEBJARS}. Each is read from the class path on
 * first use and kept; a path outside these, or one that tries to climb out of them, names no file. With a source
 * directory ({@code ALMANAC_CONSOLE_FILES}, for whoever works on the console), the page and the modules are read from it
 * on every request instead, so an edit shows on the next reload.
 */
final class ConsoleFiles {

    static final String APP = "/app/";
    static final String WEBJARS = "/webjars/";
    private static final String APP_RESOURCES = "console/app/";
    private static final String WEBJAR_RESOURCES = "META-INF/resources/webjars/";
    private static final String PAGE = "console/index.html";
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
    /** Only files that exist are kept, so requests for paths that name none cannot grow it. */
    private final Map<String, ConsoleFile> read = new ConcurrentHashMap<>();

    /** @param sources a directory holding {@code console/index.html} and {@code console/app/}, read afresh each time; or null */
    ConsoleFiles(ClassLoader loader, @Nullable Path sources) {
        this.loader = loader;
        this.sources = sources;
    }

    /** The file a GET of {@code path} answers with, if any. */
    Optional<ConsoleFile> find(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return kept(PAGE, false);
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
        ConsoleFile file = read.get(resource);
        if (file != null) {
            return Optional.of(file);
        }
        Optional<ConsoleFile> loaded = load(resource, immutable);
        loaded.ifPresent(found -> read.putIfAbsent(resource, found));
        return loaded;
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
