package dev.almanac.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.local.Checkout;
import dev.almanac.local.LocalStack;
import dev.almanac.local.TestStack;

/**
 * The console in a real browser against the real stack (UI-SERVED): a person creates, drags, undoes, reschedules by
 * form and by key, resolves a conflict, sees another client's change arrive, and every view passes axe-core
 * (UI-A11Y). Each step asserts what the page shows and what the APIs then hold. The screenshots of the views land in
 * target/ (docs/console/ with -Dconsole.screenshots=docs/console). Skipped, saying why, where Debian's chromium and
 * chromium-driver are not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserIT.class);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Under target/ unless the pom's console.screenshots names docs/console, the page that shows them. */
    private static final Path SCREENSHOTS = Checkout.root()
            .resolve(System.getProperty("console.screenshots", "deploy/local/target/console-screenshots"));

    private static LocalStack stack;
    private static String api;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void startTheStackAndTheBrowser() {
        String missing = ConsoleBrowser.missing();
        if (missing != null) {
            log.warn("ConsoleBrowserIT is skipped: {}", missing);
        }
        Assumptions.assumeTrue(missing == null, () -> "no browser to drive: " + missing);
        stack = TestStack.shared();
        api = stack.gatewayUrl() + "/api/v1";
        browser = ConsoleBrowser.open(stack.gatewayUrl());
    }

    /** The page's console, in the test's log: a failed wait says what the page saw. */
    @AfterEach
    void logWhatThePageSaidAndStartTheNextTestAfresh() {
        browser.consoleMessages().forEach(message -> log.info("browser: {}", message));
        // A test that failed midway would leave the next one a phone's width or another user.
        browser.resize(1280, 900);
        browser.driver().executeScript("try { localStorage.clear(); sessionStorage.clear(); } catch (e) { /* not the console's page */ }");
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /**
     * UI-ACTIONS, UI-KEYS, LNK-UNDO: the new-item form, a drag to the next day and its Undo, then `r` on the entry and
     * the reschedule form; each change is what command-service then holds, and what the grid shows.
     */
    @Test
    @Order(1)
    void aPlannerCreatesDragsUndoesAndReschedulesByKeyInTheWeekView() {
        String calendar = createCalendar("Planning room", "America/New_York", 5);
        LocalDate monday = LocalDate.now(NEW_YORK).plusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        browser.load(route("week", calendar, "America/New_York", monday), "week:");

        browser.await(By.id("new-item")).click();
        browser.set("f-title", "Design review");
        browser.set("f-type", "meeting");
        browser.set("f-start", monday + "T10:00");
        browser.set("f-duration", "1h");
        String drawn = browser.drawn();
        browser.await(By.cssSelector("dialog form button[type=submit]")).click();
        browser.awaitDrawn("week:", drawn);

        JsonNode created = awaitEntryTitled(calendar, "Design review", monday);
        String item = created.get("id").asString();
        Instant tenAm = monday.atTime(10, 0).atZone(NEW_YORK).toInstant();
        assertThat(Instant.parse(created.get("start").asString())).isEqualTo(tenAm);
        By entry = By.cssSelector(".fc-event[data-event-id='" + item + "']");
        browser.await(entry);
        assertThat(browser.textOf(entry)).contains("10:00").contains("Design review");

        // Drag it one column right: the same wall-clock time on Tuesday.
        WebElement mondayColumn = browser.await(By.cssSelector("td.fc-timegrid-col[data-date='" + monday + "']"));
        WebElement tuesday = browser.await(By.cssSelector("td.fc-timegrid-col[data-date='" + monday.plusDays(1) + "']"));
        int dx = tuesday.getRect().getX() - mondayColumn.getRect().getX();
        dragBy(entry, dx);
        awaitStart(item, tenAm.plus(Duration.ofDays(1)));
        browser.await(By.cssSelector(".fc-event[data-event-id='" + item + "']"));

        // The toast's Undo puts it back (a compensating event), and the grid shows the version the undo made, which the
        // next change sends as If-Match.
        browser.click(By.cssSelector("#toasts [data-undo]"));
        awaitStart(item, tenAm);
        String version = getJson("/schedules/" + item).get("version").asString();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d ->
                version.equals(d.findElement(By.cssSelector(".fc-event[data-event-id='" + item + "']")).getAttribute("data-version")));

        // r on the focused entry opens the reschedule form on the view's wall clock.
        browser.focusAndType(By.cssSelector(".fc-event[data-event-id='" + item + "']"), "r");
        browser.set("f-new_time", monday.plusDays(2) + "T14:30");
        browser.set("f-reason", "Moved by keyboard");
        browser.await(By.cssSelector("dialog form button[type=submit]")).click();
        awaitStart(item, monday.plusDays(2).atTime(14, 30).atZone(NEW_YORK).toInstant());
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(d ->
                d.findElement(By.cssSelector(".fc-event[data-event-id='" + item + "']")).getText().contains("14:30"));

        assertThat(browser.accessibilityViolations()).as("axe on the week view").isEmpty();
        browser.screenshot(SCREENSHOTS, "week");
    }

    /**
     * UI-LIVE and UI-ACTIONS: an item another client books appears in the open list without a reload; the double
     * booking it makes is resolved in the conflicts view, and conflict-detector then holds it resolved.
     */
    @Test
    @Order(2)
    void anotherClientsBookingAppearsLiveAndItsConflictIsResolvedInTheConsole() {
        String calendar = createCalendar("Board room", "America/New_York", 1);
        Instant start = LocalDate.now(NEW_YORK).plusDays(2).atTime(9, 0).atZone(NEW_YORK).toInstant();
        String first = scheduledAndRead(calendar, "Budget sync", start, start.plus(Duration.ofHours(1)));
        browser.load(route("list", calendar, "America/New_York", LocalDate.now(NEW_YORK)), "list:");
        browser.await(By.cssSelector("li[data-event-id='" + first + "']"));

        String second = scheduleItem(calendar, "Vendor call", start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(90)));
        browser.await(By.cssSelector("li[data-event-id='" + second + "']"));
        assertThat(browser.textOf(By.cssSelector("li[data-event-id='" + second + "']"))).contains("09:30").contains("Vendor call");
        assertThat(browser.accessibilityViolations()).as("axe on the list view").isEmpty();
        browser.screenshot(SCREENSHOTS, "list");

        String conflict = awaitConflict(calendar).get("id").asString();
        browser.go(route("conflicts", calendar, "America/New_York", LocalDate.now(NEW_YORK)), "conflicts:");
        browser.await(By.cssSelector("li[data-conflict-id='" + conflict + "']"));
        assertThat(browser.textOf(By.cssSelector("li[data-conflict-id='" + conflict + "']"))).contains("Budget sync").contains("Vendor call");
        assertThat(browser.accessibilityViolations()).as("axe on the conflicts view").isEmpty();
        browser.screenshot(SCREENSHOTS, "conflicts");
        browser.click(By.cssSelector("li[data-conflict-id='" + conflict + "'] button[data-action='suggestions']"));
        browser.await(By.cssSelector("dialog[open]"));
        // The API offers each move the user may make, its request complete; the console offers what it offers.
        assertThat(browser.driver().findElements(By.cssSelector("dialog[open] button[data-action='apply-suggestion']"))).isNotEmpty();
        assertThat(browser.accessibilityViolations()).as("axe on the suggestions").isEmpty();
        browser.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        browser.awaitGone(By.cssSelector("dialog[open]"));

        browser.click(By.cssSelector("li[data-conflict-id='" + conflict + "'] button[data-action='resolve']"));
        new Select(browser.await(By.id("f-method"))).selectByValue("override_applied");
        browser.set("f-note", "Both calls fit: the vendor joins late");
        browser.await(By.cssSelector("dialog form button[type=submit]")).click();
        browser.awaitGone(By.cssSelector("li[data-conflict-id='" + conflict + "']"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(getJson("/conflicts/" + conflict).get("status").asString()).isEqualTo("resolved"));
    }

    /**
     * UI-ZONES: a spring-forward day in New York has 23 hours, and an item at 01:30 and one at 03:30 are an hour
     * apart; in Kathmandu (+5:45) an item at 10:00Z is at 15:45. A refused form keeps its input and names the field.
     */
    @Test
    @Order(3)
    void theDayViewIsExactOnADaylightSavingDayAndInAQuarterHourZone() {
        String calendar = createCalendar("Night shift", "America/New_York", 5);
        LocalDate springForward = nextSpringForward();
        Instant early = springForward.atTime(1, 30).atZone(NEW_YORK).toInstant();
        Instant late = early.plus(Duration.ofHours(1));
        String before = scheduledAndRead(calendar, "Before the change", early, early.plus(Duration.ofMinutes(30)));
        String after = scheduledAndRead(calendar, "After the change", late, late.plus(Duration.ofMinutes(30)));

        browser.load(route("day", calendar, "America/New_York", springForward), "day:");
        assertThat(eventText(before)).contains("01:30");
        assertThat(eventText(after)).contains("03:30");
        assertThat(browser.accessibilityViolations()).as("axe on the day view").isEmpty();

        browser.go(route("day", calendar, "Asia/Kathmandu", springForward), "day:");
        assertThat(eventText(before)).contains(LocalTime.ofInstant(early, ZoneId.of("Asia/Kathmandu")).toString());

        // The week is read in pieces cut at the zone's midnights, the 23-hour day's among them: an item at each
        // midnight and just before it is drawn once.
        DayOfWeek weekStart = "sunday".equals(getJson("/calendar/config").path("view_settings").path("week_start").asString())
                ? DayOfWeek.SUNDAY : DayOfWeek.MONDAY;
        LocalDate firstDay = springForward.with(TemporalAdjusters.previousOrSame(weekStart));
        Map<String, Instant> aroundMidnights = new LinkedHashMap<>(Map.of(before, early, after, late));
        for (LocalDate day = firstDay.plusDays(1); day.isBefore(firstDay.plusDays(7)); day = day.plusDays(1)) {
            Instant midnight = day.atStartOfDay(NEW_YORK).toInstant();
            aroundMidnights.put(scheduleItem(calendar, "At midnight", midnight, midnight.plus(Duration.ofMinutes(15))), midnight);
            Instant justBefore = midnight.minus(Duration.ofMinutes(15));
            aroundMidnights.put(scheduleItem(calendar, "Before midnight", justBefore, midnight), justBefore);
        }
        aroundMidnights.forEach(ConsoleBrowserIT::awaitStart);
        browser.go(route("week", calendar, "America/New_York", springForward), "week:");
        for (String id : aroundMidnights.keySet()) {
            assertThat(browser.driver().findElements(By.cssSelector("#grid [data-event-id='" + id + "']"))).as(id).hasSize(1);
        }

        // A refusal is shown beside the field its problem names, and what was typed stays.
        browser.go(route("day", calendar, "America/New_York", springForward), "day:");
        browser.await(By.id("new-item")).click();
        browser.set("f-title", "Too short");
        browser.set("f-start", springForward + "T05:00");
        browser.set("f-duration", "1m");
        browser.await(By.cssSelector("dialog form button[type=submit]")).click();
        WebElement error = browser.await(By.cssSelector("#f-duration-error:not(:empty)"));
        assertThat(error.getText()).contains("15m");
        assertThat(browser.await(By.id("f-duration")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.await(By.id("f-title")).getAttribute("value")).isEqualTo("Too short");
        browser.screenshot(SCREENSHOTS, "refusal");
        browser.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
    }

    /**
     * UI-VIEWS, UI-A11Y, UI-MOBILE, UI-IDENTITY: every other view draws and passes axe-core; at 390 px the week route
     * shows the day; a calendar with grants the user has no role on is not offered.
     */
    @Test
    @Order(4)
    void everyViewDrawsPassesAxeAndThePhoneGetsTheDayAndTheList() {
        String calendar = createCalendar("Operations", "UTC", 10);
        LocalDate today = LocalDate.now(ZoneId.of("UTC"));
        scheduledAndRead(calendar, "Deploy window", today.plusDays(1).atTime(8, 0).atZone(ZoneId.of("UTC")).toInstant(),
                today.plusDays(1).atTime(9, 0).atZone(ZoneId.of("UTC")).toInstant());
        post("/schedules/rules", Map.of("name", "Hourly sync", "cron", "0 * * * *", "timezone", "UTC", "queue", calendar,
                "job_template", Map.of("type", "sync", "estimated_duration", "10m")));

        List<String> failures = new ArrayList<>();
        Map<String, String> views = new LinkedHashMap<>();
        views.put("month", "month:");
        views.put("year", "year:");
        views.put("ops", "ops:");
        views.put("rules", "rules:");
        views.put("resources", "resources:");
        // From the day view: a hash equal to the open one would not draw the view again.
        browser.load(route("day", calendar, "UTC", today), "day:");
        for (Map.Entry<String, String> view : views.entrySet()) {
            browser.go(route(view.getKey(), calendar, "UTC", today), view.getValue());
            List<String> violations = browser.accessibilityViolations();
            if (!violations.isEmpty()) {
                failures.add(view.getKey() + ": " + violations);
            }
            browser.screenshot(SCREENSHOTS, view.getKey());
        }
        assertThat(failures).as("axe's serious and critical violations").isEmpty();

        // Arrow keys move between the month's days, into the next month from its last day; Enter opens the day.
        browser.go(route("month", calendar, "UTC", today), "month:");
        WebElement day = browser.await(By.cssSelector("button.day[data-date='" + today + "']"));
        browser.driver().executeScript("arguments[0].focus()", day);
        day.sendKeys(Keys.ARROW_RIGHT);
        String nextDate = today.plusDays(1).toString();
        WebElement next = await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.driver().switchTo().activeElement(), focused -> nextDate.equals(focused.getAttribute("data-date")));
        assertThat(next.getAttribute("aria-label")).contains("1 meeting");
        String drawn = browser.drawn();
        next.sendKeys(Keys.ENTER);
        browser.awaitDrawn("day:" + nextDate, drawn);

        // A calendar with a grant to someone else is hidden from a user with no role on it (ADR 0060); on one where the
        // user is a viewer, nothing offers a change.
        String hidden = createCalendar("Private", "UTC", 1);
        post("/calendars/" + hidden + "/grants", Map.of("user_id", "someone-else", "role", "viewer"));
        String watched = createCalendar("Watched", "UTC", 1);
        post("/calendars/" + watched + "/grants", Map.of("user_id", "carol", "role", "viewer"));
        scheduledAndRead(watched, "Look, do not touch", today.plusDays(1).atTime(10, 0).atZone(ZoneId.of("UTC")).toInstant(),
                today.plusDays(1).atTime(11, 0).atZone(ZoneId.of("UTC")).toInstant());
        browser.load(route("day", calendar, "UTC", today), "day:");
        browser.await(By.id("switch-user")).click();
        browser.set("f-user", "carol");
        browser.await(By.cssSelector("dialog form button[type=submit]")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d ->
                d.findElement(By.id("acting-as")).getText().equals("carol"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                new Select(browser.driver().findElement(By.id("calendar"))).getOptions().stream().map(o -> o.getAttribute("value")))
                .contains(calendar, watched).doesNotContain(hidden));
        browser.go(route("list", watched, "UTC", today), "list:");
        browser.present(By.cssSelector("li[data-event-id]"));
        assertThat(browser.driver().findElement(By.id("new-item")).isDisplayed()).as("New item for a viewer").isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("li[data-event-id] button[data-action], li[data-event-id] input[type=checkbox]")))
                .as("actions offered to a viewer").isEmpty();
        browser.await(By.id("switch-user")).click();
        browser.set("f-user", "");
        browser.await(By.cssSelector("dialog form button[type=submit]")).click();

        // At phone width the week route shows the day, and the tabs offer day and list.
        browser.resize(390, 844);
        browser.load(route("week", calendar, "UTC", today.plusDays(1)), "day:");
        assertThat(browser.driver().findElement(By.cssSelector("#tabs a[data-view='week']")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElement(By.cssSelector("#tabs a[data-view='list']")).isDisplayed()).isTrue();
        assertThat(browser.accessibilityViolations()).as("axe on the phone's day view").isEmpty();
        browser.screenshot(SCREENSHOTS, "phone-day");
        browser.go(route("list", calendar, "UTC", today), "list:");
        browser.screenshot(SCREENSHOTS, "phone-list");
        browser.resize(1280, 900);
    }

    /**
     * UI-RULE-PREVIEW: the new-rule form shows a rule's next runs before it is created, from
     * {@code POST /schedules/rules/preview}: a Kathmandu (+5:45) cron's as the user stops typing, an RRULE's over Berlin's
     * spring-forward night on Preview, its third run moved by the gap and a warning said; a schedule the API refuses is
     * named beside its field; the rule created runs what the preview showed.
     */
    @Test
    @Order(5)
    void aNewRulesNextRunsAreShownBeforeItIsCreated() {
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        String calendar = createCalendar("Reports", "Asia/Kathmandu", 5);
        browser.load(route("rules", calendar, "Asia/Kathmandu", LocalDate.now(kathmandu)), "rules:");
        browser.click(By.id("new-rule"));
        browser.set("f-name", "Morning report");
        browser.set("f-timezone", "Asia/Kathmandu");

        // Typed, not yet asked for: the preview follows once the typing stops.
        ZonedDateTime now = ZonedDateTime.now(kathmandu);
        LocalDate firstDay = now.toLocalTime().isBefore(LocalTime.of(9, 0)) ? now.toLocalDate() : now.toLocalDate().plusDays(1);
        List<Instant> nineOClocks = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            nineOClocks.add(firstDay.plusDays(day).atTime(9, 0).atZone(kathmandu).toInstant());
        }
        browser.set("f-cron", "0 9 * * *");
        awaitPreview(nineOClocks);
        assertThat(nineOClocks).allSatisfy(start -> assertThat(start.toString()).endsWith("T03:15:00Z"));
        assertThat(browser.textOf(By.cssSelector("#form-preview ol li"))).contains("09:00");

        // A schedule the API refuses: its problem beside the field it names, and no preview.
        browser.set("f-cron", "61 * * * *");
        browser.click(By.id("form-preview-button"));
        assertThat(browser.await(By.cssSelector("#f-cron-error:not(:empty)")).getText()).isNotBlank();
        assertThat(browser.await(By.id("f-cron")).getAttribute("aria-invalid")).isEqualTo("true");
        awaitPreview(List.of());

        // An RRULE across the night Berlin's clocks skip from 02:00 to 03:00: 02:30 that night runs at 03:30.
        LocalDate springForward = nextSpringForward(berlin);
        LocalDateTime dtstart = springForward.minusDays(2).atTime(2, 30);
        browser.set("f-cron", "");
        browser.set("f-timezone", "Europe/Berlin");
        browser.set("f-rrule", "FREQ=DAILY;COUNT=5");
        browser.set("f-dtstart", dtstart.toString());
        browser.click(By.id("form-preview-button"));
        List<Instant> nights = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            nights.add(dtstart.plusDays(day).atZone(berlin).toInstant());
        }
        awaitPreview(nights);
        assertThat(nights.get(2).atZone(berlin).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
        WebElement shifted = browser.present(By.cssSelector("#form-preview ol li:nth-child(3)"));
        assertThat(shifted.getAttribute("data-dst")).isEqualTo("gap_shifted");
        // Shown on the console's clock (Kathmandu) and on the rule's, where the gap moved it to 03:30.
        assertThat(browser.text(shifted)).contains(LocalTime.ofInstant(nights.get(2), kathmandu).toString(), "03:30 Europe/Berlin");
        assertThat(browser.present(By.cssSelector("#form-preview li[data-code='dst_gap']")).getText()).contains("02:30");
        assertThat(browser.driver().findElements(By.cssSelector("#f-cron-error:not(:empty), #f-dtstart-error:not(:empty)"))).isEmpty();
        assertThat(browser.accessibilityViolations()).as("axe on the new-rule form and its preview").isEmpty();
        browser.driver().executeScript("document.getElementById('form-preview').scrollIntoView({block: 'end'})");
        browser.screenshot(SCREENSHOTS, "rule-preview");

        // Nothing exists until Create; the rule created then runs first what the preview showed first.
        assertThat(getJson("/schedules/rules?queue=" + calendar).get("rules")).isEmpty();
        browser.click(By.cssSelector("dialog form button[type=submit]"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode rules = getJson("/schedules/rules?queue=" + calendar).get("rules");
            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).get("name").asString()).isEqualTo("Morning report");
            assertThat(Instant.parse(rules.get(0).get("next_run").asString())).isEqualTo(nights.get(0));
        });
    }

    /**
     * A view whose read answers after the user has left it draws nothing: the list's events held back until the month
     * has drawn, the month stays drawn and shown.
     */
    @Test
    @Order(6)
    void aReadAnsweredAfterTheUserLeftItsViewDrawsNothing() {
        String calendar = createCalendar("Slow reads", "UTC", 3);
        LocalDate today = LocalDate.now(ZoneId.of("UTC"));
        browser.load(route("day", calendar, "UTC", today), "day:");
        browser.driver().executeScript("""
                const original = window.fetch;
                window.heldBack = 'none';
                window.fetch = (target, options) => {
                  if (!String(target).includes('/ops/calendar/events')) return original(target, options);
                  window.heldBack = 'holding';
                  return new Promise((resolve) => { window.release = () => { resolve(original(target, options)); window.heldBack = 'released'; }; });
                };""");
        String before = browser.drawn();
        browser.driver().executeScript("location.hash = arguments[0]", route("list", calendar, "UTC", today));
        await().atMost(Duration.ofSeconds(20)).until(() -> "holding".equals(browser.driver().executeScript("return window.heldBack")));
        browser.go(route("month", calendar, "UTC", today), "month:");
        String month = browser.drawn();
        assertThat(month).isNotEqualTo(before);

        browser.driver().executeScript("window.release()");
        await().atMost(Duration.ofSeconds(20)).until(() -> "released".equals(browser.driver().executeScript("return window.heldBack")));
        // The list's answer has been given to it; what it would draw would come within a moment.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(browser.drawn()).isEqualTo(month);
            assertThat(browser.driver().findElements(By.cssSelector("main table.month"))).hasSize(1);
        });
    }

    /**
     * A page the user leaves closes its live stream: reloaded again and again, the console still draws at once. Left
     * open, each stream held one of the browser's six connections to the host and the seventh page's reads waited.
     */
    @Test
    @Order(7)
    void reloadingTheConsoleAgainAndAgainNeverStallsItsReads() {
        String calendar = createCalendar("Reloaded", "UTC", 3);
        LocalDate today = LocalDate.now(ZoneId.of("UTC"));
        for (int reload = 1; reload <= 9; reload++) {
            browser.load(route("day", calendar, "UTC", today), "day:");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).withMessage("the page's live stream opened")
                    .until(d -> "live".equals(browser.driver().executeScript("return document.body.dataset.live")));
        }
    }

    /**
     * The wall clock the grids place entries by is read from Intl once per quarter hour and reused: it must agree with
     * Intl's own reading at every instant, through every transition of zones with 30- and 45-minute offsets, a
     * 30-minute daylight-saving shift, and a transition at midnight.
     */
    @Test
    @Order(8)
    void theWallClockOfEveryInstantIsIntlsOwnReading() {
        browser.load(route("day", createCalendar("Clocks", "UTC", 1), "UTC", LocalDate.now(ZoneId.of("UTC"))), "day:");
        Object mismatches = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/app/time.js').then(({ wallOf, exactWallOf }) => {
                  const found = [];
                  for (const zone of ['America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham',
                      'America/Santiago', 'Asia/Kolkata']) {
                    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 17 * 60000 + 7000) {
                      if (wallOf(t, zone).join() !== exactWallOf(t, zone).join()) found.push(zone + ' ' + new Date(t).toISOString());
                    }
                  }
                  done(found.slice(0, 10));
                }, (failure) => done(['import failed: ' + failure]));""");
        assertThat((List<?>) mismatches).isEmpty();
    }

    /** Waits until the form's preview lists exactly these starts, in order (none: no list). */
    /**
     * OPS-CHANGE (issue 77): an instruction read with a doubt is proposed with its confidence and the doubt named, and its
     * other reading is offered; the user takes that reading, sees its before and after, and confirms it, and the rule
     * then runs as confirmed.
     */
    @Test
    @Order(9)
    void aDoubtfulChangeRequestOffersItsOtherReadingWhichTheUserConfirms() {
        String calendar = createCalendar("Night jobs", "America/New_York", 5);
        post("/schedules/rules", Map.of("name", "Nightly export", "cron", "30 2 * * *", "timezone", "America/New_York", "queue", calendar,
                "job_template", Map.of("type", "export", "estimated_duration", "10m")));
        String[] rule = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode rules = getJson("/schedules/rules?queue=" + calendar).get("rules");
            assertThat(rules).hasSize(1);
            rule[0] = rules.get(0).get("id").asString();
        });

        browser.load(route("rules", calendar, "America/New_York", LocalDate.now(NEW_YORK)), "rules:");
        browser.click(By.cssSelector("tr[data-rule-id='" + rule[0] + "'] button[data-action='request_change']"));
        browser.set("f-instruction", "every weekday at 6");
        browser.await(By.cssSelector("dialog form button[type=submit]")).click();
        WebElement shown = browser.await(By.cssSelector("#change-confidence, dialog .error:not(:empty), #toasts .toast"));
        assertThat(shown.getAttribute("id")).as("the proposal, not a refusal: %s", shown.getText()).isEqualTo("change-confidence");
        assertThat(shown.getText()).contains("% confidence");
        assertThat(browser.textOf(By.cssSelector("dialog[open] ul.form-error"))).contains("06:00 or 18:00");
        assertThat(browser.accessibilityViolations()).as("axe on a doubtful proposal").isEmpty();
        browser.screenshot(SCREENSHOTS, "change-request");

        browser.click(By.xpath("//dialog[@open]//div[contains(@class, 'alternatives')]//button[normalize-space() = "
                + "'every weekday at 6 in the evening']"));
        browser.awaitGone(By.id("change-confidence"));
        browser.click(By.id("confirm-change"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(getJson("/schedules/rules/" + rule[0]).get("cron").asString()).isEqualTo("0 18 * * 1-5"));
    }

    /**
     * Issue 71: a conflict reaches the notifications of the user who scheduled its items; the tab counts it, the view
     * lists it with what it concerns, and the user marks it read, then acknowledges it.
     */
    @Test
    @Order(10)
    void aConflictReachesTheSchedulersNotificationsWhoMarksItReadAndAcknowledgesIt() {
        String calendar = createCalendar("Studio", "America/New_York", 1);
        Instant start = LocalDate.now(NEW_YORK).plusDays(3).atTime(14, 0).atZone(NEW_YORK).toInstant();
        scheduledAndRead(calendar, "Podcast", start, start.plus(Duration.ofHours(1)));
        scheduleItem(calendar, "Interview", start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(90)));
        awaitConflict(calendar);
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            id[0] = null;
            for (JsonNode notification : getJson("/notifications?status=unread&limit=50").get("notifications")) {
                if (calendar.equals(notification.path("calendar_id").asString(null))
                        && "conflict_detected".equals(notification.get("kind").asString())) {
                    id[0] = notification.get("id").asString();
                }
            }
            assertThat(id[0]).as("the conflict's notification").isNotNull();
        });
        By card = By.cssSelector("li[data-notification-id='" + id[0] + "']");

        browser.load(route("notifications", calendar, "America/New_York", LocalDate.now(NEW_YORK)), "notifications:");
        browser.await(By.cssSelector("li[data-notification-id='" + id[0] + "'][data-status='unread']"));
        JsonNode raised = getJson("/notifications/" + id[0]);
        assertThat(browser.textOf(card)).contains(raised.get("title").asString()).contains(raised.get("category").asString()).contains("Studio");
        assertThat(browser.textOf(By.id("unread-count"))).matches("[1-9][0-9]*\\+?");
        assertThat(browser.accessibilityViolations()).as("axe on the notifications").isEmpty();
        browser.screenshot(SCREENSHOTS, "notifications");

        browser.click(By.cssSelector("li[data-notification-id='" + id[0] + "'] button[data-action='read']"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(getJson("/notifications/" + id[0]).get("status").asString()).isEqualTo("read"));
        browser.click(By.cssSelector("button[data-status='read']"));
        browser.await(By.cssSelector("li[data-notification-id='" + id[0] + "'][data-status='read']"));
        browser.click(By.cssSelector("li[data-notification-id='" + id[0] + "'] button[data-action='acknowledge']"));
        browser.awaitGone(card);
        assertThat(getJson("/notifications/" + id[0]).get("status").asString()).isEqualTo("acknowledged");
    }

    private static void awaitPreview(List<Instant> starts) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) browser.driver().executeScript(
                    "return Array.from(document.querySelectorAll('#form-preview ol time')).map(t => t.getAttribute('datetime'))");
            assertThat(shown.stream().map(Instant::parse).toList())
                    .as(() -> "the form's preview, which reads: " + browser.driver().executeScript(
                            "return document.getElementById('form-preview').innerText + ' | errors: ' + Array.from("
                                    + "document.querySelectorAll('dialog [id$=-error]')).map(e => e.id + '=' + e.innerText).join(', ')"))
                    .isEqualTo(starts);
        });
    }

    /**
     * Drags the element a column to the side as a person does (press, move a little, move, release); found again and
     * dragged anew if a live update redrew it before the press.
     */
    private static void dragBy(By by, int dx) {
        for (int attempt = 1; ; attempt++) {
            try {
                new Actions(browser.driver()).clickAndHold(browser.await(by)).pause(Duration.ofMillis(200)).moveByOffset(10, 0)
                        .pause(Duration.ofMillis(100)).moveByOffset(dx - 10, 0).pause(Duration.ofMillis(200)).release().perform();
                return;
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 3) {
                    throw redrawn;
                }
            }
        }
    }

    private static String eventText(String id) {
        return browser.textContentOf(By.cssSelector(".fc-event[data-event-id='" + id + "']"));
    }

    private static String route(String view, String calendar, String zone, LocalDate date) {
        return "#/" + view + "?cal=" + encode(calendar) + "&tz=" + encode(zone) + "&date=" + date;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The next day New York springs forward: a day of 23 hours. */
    private static LocalDate nextSpringForward() {
        return nextSpringForward(NEW_YORK);
    }

    /** The next day the zone's clocks skip ahead. */
    private static LocalDate nextSpringForward(ZoneId zone) {
        var rules = zone.getRules();
        var transition = rules.nextTransition(Instant.now());
        while (transition.getOffsetAfter().getTotalSeconds() < transition.getOffsetBefore().getTotalSeconds()) {
            transition = rules.nextTransition(transition.getInstant());
        }
        return transition.getDateTimeBefore().toLocalDate();
    }

    private static String createCalendar(String name, String zone, int capacity) {
        String id = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        post("/calendars", Map.of("id", id, "name", name + " " + id.substring(8), "type", "venue", "timezone", zone,
                "capacity", capacity, "overbooking_policy", "allow"));
        // The console lists the calendars query-service has projected.
        await().atMost(Duration.ofSeconds(20)).until(() -> status("/calendars/" + id) == 200);
        return id;
    }

    private static String scheduleItem(String calendar, String title, Instant start, Instant end) {
        String id = "item-" + UUID.randomUUID();
        post("/schedules", Map.of("id", id, "calendar_id", calendar, "title", title, "type", "meeting",
                "start", start.toString(), "end", end.toString(), "timezone", "America/New_York"));
        return id;
    }

    /** An item another client books, once the reads hold it. */
    private static String scheduledAndRead(String calendar, String title, Instant start, Instant end) {
        String id = scheduleItem(calendar, title, start, end);
        awaitStart(id, start);
        return id;
    }

    private static JsonNode awaitEntryTitled(String calendar, String title, LocalDate day) {
        Instant from = day.atStartOfDay(NEW_YORK).toInstant();
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode entries = getJson("/calendars/" + calendar + "/entries?from=" + from + "&till=" + from.plus(Duration.ofDays(1)));
            found[0] = null;
            for (JsonNode entry : entries.get("entries")) {
                if (title.equals(entry.get("title").asString())) {
                    found[0] = entry;
                }
            }
            assertThat(found[0]).as("the entry %s", title).isNotNull();
        });
        return found[0];
    }

    private static void awaitStart(String item, Instant start) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Instant.parse(getJson("/schedules/" + item).get("start").asString())).isEqualTo(start));
    }

    private static JsonNode awaitConflict(String calendar) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode conflicts = getJson("/conflicts?calendar_id=" + calendar + "&status=detected").get("conflicts");
            assertThat(conflicts).isNotEmpty();
            found[0] = conflicts.get(0);
        });
        return found[0];
    }

    private static int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode getJson(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void post(String path, Object body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(200, 299);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
