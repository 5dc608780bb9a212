package dev.almanac.local.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.almanac.embedded.ScratchDirectories;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: named by path, so Selenium Manager (which would
 * download a driver) never runs. A fresh profile each time. Pages are the console's, by their route.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final String origin;
    private final String axe;

    private ConsoleBrowser(ChromeDriver driver, Path profile, String origin, String axe) {
        this.driver = driver;
        this.profile = profile;
        this.origin = origin;
        this.axe = axe;
    }

    /** Why the browser tests cannot run here, or null when they can. */
    static String missing() {
        if (!Files.isExecutable(CHROMIUM)) {
            return CHROMIUM + " is not installed (Debian's chromium; .ci/run installs it)";
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return CHROMEDRIVER + " is not installed (Debian's chromium-driver; .ci/run installs it)";
        }
        return null;
    }

    static ConsoleBrowser open(String origin) {
        Path profile;
        try {
            profile = Files.createTempDirectory("almanac-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-GB");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new ConsoleBrowser(driver, profile, origin, axeScript());
    }

    private static String axeScript() {
        try (InputStream in = ConsoleBrowser.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens the console at a route, as a fresh page load, and waits until the view has drawn its data. */
    void load(String route, String drawnPrefix) {
        // From another document: a new URL that differs from the open one only in its fragment would not load the page.
        driver.get("about:blank");
        driver.get(origin + "/" + route);
        awaitDrawn(drawnPrefix, null);
    }

    /** Follows a route within the open page (hash navigation, as the tabs do). */
    void go(String route, String drawnPrefix) {
        String before = drawn();
        driver.executeScript("location.hash = arguments[0]", route.substring(route.indexOf('#')));
        awaitDrawn(drawnPrefix, before);
    }

    /** The body's data-drawn: the view and a time, set each time a view has drawn what it read. */
    String drawn() {
        Object value = driver.executeScript("return document.body.dataset.drawn || ''");
        return value == null ? "" : value.toString();
    }

    void awaitDrawn(String prefix, String notBefore) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "the view " + prefix + " drew; now " + drawn() + " at " + driver.executeScript(
                "return location.hash + ', showing: ' + (document.querySelector('main') || document.body).innerText.slice(0, 300)"
                        + " + ', live: ' + document.body.dataset.live + ', its last requests: ' + performance.getEntriesByType('resource')"
                        + ".slice(-6).map(e => e.name.replace(location.origin, '') + ' ' + Math.round(e.duration) + ' ms').join('; ')")
                + "; the page's console: " + consoleMessages()).until(d -> {
            String now = drawn();
            return now.startsWith(prefix) && !now.equals(notBefore);
        });
    }

    /** A shown element; looked for again if a live update redrew it between finding it and asking whether it shows. */
    WebElement await(By by) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).withMessage(() -> "waiting for " + by)
                .until(d -> {
                    List<WebElement> found = d.findElements(by);
                    return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
                });
    }

    /** Clicks an element, found again if the view redrew it meanwhile (a live update redraws what it shows). */
    void click(By by) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).withMessage(() -> "clicking " + by)
                .until(d -> {
                    List<WebElement> found = d.findElements(by);
                    if (found.isEmpty() || !found.get(0).isDisplayed()) {
                        return false;
                    }
                    found.get(0).click();
                    return true;
                });
    }

    /** Focuses an element, found again if the view redrew it, and types a key as a person would: to whatever has the focus. */
    void focusAndType(By by, CharSequence key) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).withMessage(() -> "focusing " + by)
                .until(d -> {
                    List<WebElement> found = d.findElements(by);
                    if (found.isEmpty()) {
                        return false;
                    }
                    driver.executeScript("arguments[0].focus()", found.get(0));
                    return true;
                });
        new Actions(driver).sendKeys(key).perform();
    }

    /** The text of the element {@code by} finds, read again if a live update redrew it meanwhile. */
    String textOf(By by) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).withMessage(() -> "reading " + by)
                .until(d -> {
                    List<WebElement> found = d.findElements(by);
                    return found.isEmpty() ? null : found.get(0).getText();
                });
    }

    /** An element once it is in the page, shown or scrolled out of sight (a grid's early hours are). */
    WebElement present(By by) {
        return new WebDriverWait(driver, WAIT).withMessage(() -> "waiting for " + by).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /**
     * The text the element {@code by} finds holds, whether or not it is scrolled into sight, read again if a live
     * update redrew it between finding and reading.
     */
    String textContentOf(By by) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).withMessage(() -> "reading " + by)
                .until(d -> {
                    List<WebElement> found = d.findElements(by);
                    return found.isEmpty() ? null : text(found.get(0));
                });
    }

    /** An element's text as the page holds it, whether or not it is scrolled into sight. */
    String text(WebElement element) {
        return String.valueOf(driver.executeScript("return arguments[0].textContent", element));
    }

    void awaitGone(By by) {
        new WebDriverWait(driver, WAIT).withMessage(() -> by + " went away").until(d -> d.findElements(by).isEmpty());
    }

    /** Sets an input's value as a user's typing would end, and tells the page so. */
    void set(String id, String value) {
        WebElement input = await(By.id(id));
        driver.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", input, value);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * axe-core's serious and critical violations of WCAG 2.0, 2.1 and 2.2 A and AA on the page as it stands, each as
     * "rule: first nodes".
     */
    @SuppressWarnings("unchecked")
    List<String> accessibilityViolations() {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
            driver.executeScript(axe);
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return (List<String>) result;
    }

    /** Writes a screenshot of the page to {@code directory/name.png}. */
    void screenshot(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page wrote to its console since last asked: its errors, and any message a test failure needs. */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            ScratchDirectories.delete(profile);
        }
    }

}
