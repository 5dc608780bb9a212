package dev.almanac.benchmarks.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through its chromedriver, named by path so that Selenium Manager never runs (it would
 * download a driver). Times come from the browser's own clocks: the navigation's start and the console's mark
 * {@code almanac:drawn}, set once a view has drawn the data it read.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String origin;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(String origin, ChromeDriver driver, Path profile) {
        this.origin = origin;
        this.driver = driver;
        this.profile = profile;
    }

    static Browser open(String origin) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console's benchmark needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): apt-get install chromium chromium-driver");
        }
        try {
            Path profile = Files.createTempDirectory("almanac-bench-chromium-");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-GB");
            ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build(), options);
            driver.manage().timeouts().scriptTimeout(WAIT);
            return new Browser(origin, driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A first visit in a browser of its own with an empty cache: the compressed bodies of its scripts, styles and page. */
    Map<String, Long> firstVisitBytes(String route) {
        try (Browser fresh = open(origin)) {
            fresh.loadView(route, route.substring(2, route.indexOf('?')));
            @SuppressWarnings("unchecked")
            Map<String, Long> bytes = (Map<String, Long>) fresh.driver.executeScript("""
                    const sum = (test) => performance.getEntriesByType('resource').filter(test)
                        .reduce((total, r) => total + r.encodedBodySize, 0);
                    return {
                      script: sum(r => r.name.endsWith('.js')),
                      css: sum(r => r.name.endsWith('.css')),
                      fullcalendar: sum(r => r.name.includes('/webjars/fullcalendar/')),
                      page: performance.getEntriesByType('navigation')[0].encodedBodySize,
                    };""");
            return bytes;
        }
    }

    /** Loads the console at a route, as a new page; answers the milliseconds from the navigation's start to the view drawn. */
    double loadView(String route, String view) {
        driver.get("about:blank");
        driver.get(origin + "/" + route);
        new WebDriverWait(driver, WAIT).withMessage(() -> view + " drew").until(d ->
                String.valueOf(driver.executeScript("return document.body.dataset.drawn || ''")).startsWith(view + ":"));
        return ((Number) driver.executeScript("return performance.getEntriesByName('almanac:drawn')[0].startTime")).doubleValue();
    }

    /**
     * Moves the open view one period on (or back) with the toolbar's button, as a person stepping through weeks does
     * in the page they have open; answers the milliseconds from the click to the new period drawn.
     */
    double stepView(String view, boolean forward) {
        Number clicked = (Number) driver.executeScript("""
                const at = performance.now();
                document.getElementById(arguments[0]).click();
                return at;""", forward ? "next" : "prev");
        String date = String.valueOf(driver.executeScript("return new URLSearchParams(location.hash.split('?')[1]).get('date')"));
        String label = view + ":" + date;
        new WebDriverWait(driver, WAIT).withMessage(() -> label + " drew").until(d ->
                String.valueOf(driver.executeScript("return document.body.dataset.drawn || ''")).startsWith(label));
        Number drawn = (Number) driver.executeScript("""
                const marks = performance.getEntriesByName('almanac:drawn').filter(m => String(m.detail).startsWith(arguments[0]));
                return marks[marks.length - 1].startTime;""", label);
        return drawn.doubleValue() - clicked.doubleValue();
    }

    /**
     * Schedules items through the API while the busy week is open, and answers for each the milliseconds from the
     * request's start to its entry on the page (the page's clock and this one are the machine's).
     */
    List<Double> changesToVisible(SeedData seed, int changes) throws InterruptedException {
        loadView(SeedData.route("week"), "week");
        driver.executeScript("""
                window.__seen = {};
                new MutationObserver(() => {
                  for (const element of document.querySelectorAll('[data-event-id]')) {
                    window.__seen[element.dataset.eventId] ??= Date.now();
                  }
                }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-event-id']});""");
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            long sent = System.currentTimeMillis();
            String id = seed.scheduleChange();
            long deadline = System.nanoTime() + WAIT.toNanos();
            Object seen = null;
            while (seen == null && System.nanoTime() < deadline) {
                seen = driver.executeScript("return window.__seen[arguments[0]] || null", id);
                if (seen == null) {
                    Thread.sleep(5);
                }
            }
            millis.add(seen == null ? Double.POSITIVE_INFINITY : ((Number) seen).doubleValue() - sent);
            Thread.sleep(200);
        }
        return millis;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException ignored) {
                // A temporary profile left behind costs disk space only.
            }
        }
    }
}
