package dev.almanac.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The console's file server, on the JDK's own HTTP server: the page, its modules and FullCalendar's bundle
 * ({@link ConsoleFiles}), gzipped where the browser takes it, with ETags; {@value #SETTINGS}, which tells the page how
 * it identifies its user; and health answers for probes. The page calls the APIs on its own origin: behind the
 * gateway (locally) or the cluster's HTTPRoute, {@code /api/v1} reaches the services and everything else this server.
 *
 * <p>{@code java -jar console/target/console.jar} runs it alone (the console's image): {@code PORT} (8085),
 * {@code SERVER_ADDRESS} (every interface) and {@code ALMANAC_CONSOLE_IDENTITY_MODE} ({@code jwt}, or
 * {@code development} where the services trust {@code X-Almanac-User}). deploy/local starts it in its launcher.
 */
public final class ConsoleServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 8085;
    /** A directory to read the page and modules from on each request, such as console/src/main/resources: for development. */
    static final String SOURCES = "ALMANAC_CONSOLE_FILES";
    static final String SETTINGS = "/console-settings.json";
    private static final String HEALTH = "/actuator/health";
    private static final int THREADS = 4;
    /**
     * Scripts and styles from this origin only. Styles may also be inline, and fonts data URLs: FullCalendar adds its
     * styles in a style element, with its icon font in them. The APIs and the live stream are on this origin too.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** How the page identifies its user to the APIs: the services' identity mode (ADR 0027). */
    public enum IdentityMode {
        /** A bearer token, which the user brings (docs/console/README.md). */
        JWT,
        /** The user picks whom they act as; the page sends X-Almanac-User and X-Almanac-Roles. */
        DEVELOPMENT;

        static IdentityMode parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "jwt" -> JWT;
                case "development" -> DEVELOPMENT;
                default -> throw new IllegalArgumentException("ALMANAC_CONSOLE_IDENTITY_MODE is jwt or development, not " + text);
            };
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private ConsoleServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving on {@code host}:{@code port}; port 0 takes a free one. */
    public static ConsoleServer start(String host, int port, IdentityMode identity) {
        String sources = System.getenv(SOURCES);
        String identityMode = identity.name().toLowerCase(Locale.ROOT);
        ConsoleFiles files = new ConsoleFiles(ConsoleServer.class.getClassLoader(),
                sources == null || sources.isBlank() ? null : Path.of(sources).toAbsolutePath().normalize(), identityMode);
        ConsoleFile settings = ConsoleFile.json("{\"identity_mode\":\"" + identityMode + "\",\"api\":\"/api/v1\"}");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("the console cannot listen on " + host + ":" + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, files, settings);
            }
        });
        server.start();
        return new ConsoleServer(server, executor);
    }

    private static void answer(HttpExchange exchange, ConsoleFiles files, ConsoleFile settings) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Headers headers = exchange.getResponseHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (!method.equals("GET") && !method.equals("HEAD")) {
            headers.set("Allow", "GET, HEAD");
            problem(exchange, 405, "Method not allowed", "the console serves GET and HEAD only");
            return;
        }
        if (path.equals(HEALTH) || path.startsWith(HEALTH + "/")) {
            send(exchange, 200, ConsoleFile.json("{\"status\":\"UP\"}"), false);
            return;
        }
        Optional<ConsoleFile> file = path.equals(SETTINGS) ? Optional.of(settings) : files.find(path);
        if (file.isEmpty()) {
            problem(exchange, 404, "No such page", "the console has no " + path);
            return;
        }
        ConsoleFile found = file.get();
        if (found.contentType().startsWith("text/html")) {
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Frame-Options", "DENY");
        }
        headers.set("Cache-Control", found.immutable() ? "public, max-age=31536000, immutable" : "no-cache");
        headers.set("ETag", found.etag());
        if (found.gzipped() != null) {
            headers.set("Vary", "Accept-Encoding");
        }
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.equals(found.etag()) || ifNoneMatch.contains(found.etag()))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        send(exchange, 200, found, acceptsGzip(exchange));
    }

    private static boolean acceptsGzip(HttpExchange exchange) {
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
    }

    private static void send(HttpExchange exchange, int status, ConsoleFile file, boolean gzip) throws IOException {
        boolean compressed = gzip && file.gzipped() != null;
        byte[] body = compressed ? file.gzipped() : file.body();
        exchange.getResponseHeaders().set("Content-Type", file.contentType());
        if (compressed) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        }
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The same problem document the services answer with (RFC 9457). */
    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, status, new ConsoleFile(body.getBytes(StandardCharsets.UTF_8), null, "application/problem+json", "", false), false);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "almanac-console-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.err.println("the console takes no arguments; it reads PORT, SERVER_ADDRESS and ALMANAC_CONSOLE_IDENTITY_MODE");
            System.exit(2);
        }
        int port = Integer.parseInt(env("PORT", Integer.toString(DEFAULT_PORT)));
        String host = env("SERVER_ADDRESS", "0.0.0.0");
        ConsoleServer console = start(host, port, IdentityMode.parse(env("ALMANAC_CONSOLE_IDENTITY_MODE", "jwt")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }, "almanac-console-stop"));
        System.out.println("Almanac console on http://" + host + ":" + console.port() + "/");
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
