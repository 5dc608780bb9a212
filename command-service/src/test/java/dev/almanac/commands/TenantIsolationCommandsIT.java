package dev.almanac.commands;

import static dev.almanac.commands.support.Answers.json;
import static dev.almanac.commands.support.Answers.text;
import static dev.almanac.commands.support.Answers.tree;
import static dev.almanac.commands.support.CommandBodies.NEXT_WEEK;
import static dev.almanac.commands.support.CommandBodies.calendarBody;
import static dev.almanac.commands.support.CommandBodies.calendarDefinition;
import static dev.almanac.commands.support.CommandBodies.itemBody;
import static dev.almanac.commands.support.CommandBodies.ruleBody;
import static dev.almanac.commands.support.CommandBodies.ruleDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.testing.TestIssuer;
import dev.almanac.platform.testing.TopicReader;

/**
 * Tenants as an id prefix on the command side (ADR 0102, step 2), with real signed tokens of two tenants: acme's user and
 * acme's admin aimed at globex's calendar, item, rule and resource on every command family answer exactly as the same
 * command aimed at an id of their own tenant that does not exist, status and body (the id aside), with no version or
 * location told; ids of another tenant in a body are refused (422, rule tenant) or answered as unknown ones; a platform
 * admin acts in the tenant X-Almanac-Tenant names; and the relay names each record's tenant in almanac_tenant. One
 * context: command-service in JWT and multi-tenant mode.
 */
@CommandServiceIntegrationTest
@TestPropertySource(properties = {"almanac.identity.mode=jwt", "almanac.identity.jwt.audiences=almanac",
        "almanac.identity.tenancy=multi",
        "almanac.notify.sealing-key=dGVuYW50LWlzb2xhdGlvbi10ZXN0cy1zZWFsaW5nLWs=",
        // Each probe is sent twice within a second or two.
        "almanac.commands.rate-limit.per-second=1000"})
class TenantIsolationCommandsIT {

    private static final TestIssuer ISSUER = TestIssuer.generate();
    private static final String ACME_USER = ISSUER.bearerOfTenant("acme", "alan", List.of());
    private static final String ACME_ADMIN = ISSUER.bearerOfTenant("acme", "ada", List.of("admin"));
    private static final String GLOBEX_USER = ISSUER.bearerOfTenant("globex", "gail", List.of());
    private static final String SUPPORT = ISSUER.bearerOfTenant("almanac", "pat", List.of("platform-admin"));

    private static TopicReader calendars;
    private static TopicReader rules;

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("almanac.identity.jwt.public-key-location", () -> ISSUER.publicKeyFile().toUri().toString());
    }

    @BeforeAll
    static void readers() {
        calendars = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.CALENDARS);
        rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES);
    }

    @AfterAll
    static void closeReaders() {
        calendars.close();
        rules.close();
    }

    @Autowired
    WebTestClient client;

    /** A command on one id ({@code %s} in path and body), sent once with globex's and once with an acme id no one has. */
    private record Probe(String family, HttpMethod method, String path, @Nullable String body) {

        String at(String id) {
            return path.formatted(id);
        }

        @Nullable String bodyAt(String id) {
            return body == null ? null : body.formatted(id);
        }
    }

    /** Globex's calendar, item (with a reminder and an attachment), rule, resource, each with its id. */
    private record Globex(String calendar, String item, String rule, String resource) {
    }

    private Globex globexsEntities(String suffix) {
        Globex globex = new Globex("globex:cal-" + suffix, "globex:item-" + suffix, "globex:rule-" + suffix, "globex:res-" + suffix);
        send(HttpMethod.POST, "/api/v1/calendars", GLOBEX_USER, calendarBody(globex.calendar())).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/schedules", GLOBEX_USER, itemBody(globex.item(), globex.calendar(), 0)).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/schedules/rules", GLOBEX_USER, ruleBody(globex.rule(), globex.calendar())).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/resources", GLOBEX_USER, resourceBody(globex.resource())).expectStatus().isCreated();
        return globex;
    }

    @Test
    void acmesUserAndAdminAtGlobexsIdsAnswerAsIdsThatDoNotExistOnEveryCommandFamily() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Globex globex = globexsEntities(suffix);
        String when = NEXT_WEEK.plus(1, ChronoUnit.DAYS).toString();
        // Acme's own calendar and item, which some probes name beside globex's.
        String acmeCalendar = "acme:cal-" + suffix;
        String acmeItem = "acme:item-follower-" + suffix;
        send(HttpMethod.POST, "/api/v1/calendars", ACME_USER, calendarBody(acmeCalendar)).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/schedules", ACME_USER, itemBody(acmeItem, acmeCalendar, 5)).expectStatus().isCreated();
        String range = "{\"start\": \"" + NEXT_WEEK + "\", \"end\": \"" + NEXT_WEEK.plus(1, ChronoUnit.DAYS) + "\", \"reason\": \"repair\"}";

        List<Probe> onCalendar = List.of(
                new Probe("replace calendar", HttpMethod.PUT, "/api/v1/calendars/%s", calendarDefinition()),
                new Probe("deactivate calendar", HttpMethod.POST, "/api/v1/calendars/%s/deactivate", "{}"),
                new Probe("grant", HttpMethod.POST, "/api/v1/calendars/%s/grants", "{\"user_id\": \"acme:alan\", \"role\": \"manager\"}"),
                new Probe("revoke", HttpMethod.DELETE, "/api/v1/calendars/%s/grants/acme:alan", null),
                new Probe("delete calendar", HttpMethod.DELETE, "/api/v1/calendars/%s", null),
                new Probe("subscribe", HttpMethod.POST, "/api/v1/calendars/%s/subscriptions", null),
                new Probe("unsubscribe", HttpMethod.DELETE, "/api/v1/calendars/%s/subscriptions/sub-1", null),
                new Probe("notification policy", HttpMethod.PUT, "/api/v1/calendars/%s/notification-policy", "{\"suppress\": []}"),
                new Probe("schedule into it", HttpMethod.POST, "/api/v1/schedules", itemBody("acme:item-" + suffix, "%s", 0)),
                new Probe("rule on it", HttpMethod.POST, "/api/v1/schedules/rules", ruleBody("acme:rule-" + suffix, "%s")));
        List<Probe> onItem = List.of(
                new Probe("reschedule", HttpMethod.POST, "/api/v1/schedules/%s/reschedule", "{\"new_time\": \"" + when + "\"}"),
                new Probe("confirm", HttpMethod.POST, "/api/v1/schedules/%s/confirm", null),
                new Probe("cancel", HttpMethod.POST, "/api/v1/schedules/%s/cancel", null),
                new Probe("undo", HttpMethod.POST, "/api/v1/schedules/%s/undo", null),
                new Probe("update item", HttpMethod.PUT, "/api/v1/schedules/%s", "{\"title\": \"Mine now\"}"),
                new Probe("delete item", HttpMethod.DELETE, "/api/v1/schedules/%s", null),
                new Probe("attach", HttpMethod.POST, "/api/v1/schedules/%s/attachments", """
                        {"name": "plan.pdf", "media_type": "application/pdf", "size_bytes": 10, "url": "https://files.example.com/p.pdf"}"""),
                new Probe("remove attachment", HttpMethod.DELETE, "/api/v1/schedules/%s/attachments/att-1", null),
                new Probe("set reminder", HttpMethod.POST, "/api/v1/schedules/%s/reminders", "{\"minutes_before\": 30}"),
                new Probe("remove reminder", HttpMethod.DELETE, "/api/v1/schedules/%s/reminders/rem-1", null),
                new Probe("link a follower", HttpMethod.POST, "/api/v1/schedules/%s/links", "{\"follower_id\": \"" + acmeItem + "\"}"),
                new Probe("bulk reschedule", HttpMethod.POST, "/api/v1/schedules/bulk-reschedule",
                        "{\"jobs\": [{\"job_id\": \"%s\", \"new_time\": \"" + when + "\"}]}"));
        List<Probe> onRule = List.of(
                new Probe("replace rule", HttpMethod.PUT, "/api/v1/schedules/rules/%s", ruleDefinition("acme:cal-nobody")),
                new Probe("pause rule", HttpMethod.POST, "/api/v1/schedules/rules/%s/pause", null),
                new Probe("skip next", HttpMethod.POST, "/api/v1/schedules/rules/%s/skip-next", null),
                new Probe("run now", HttpMethod.POST, "/api/v1/schedules/rules/%s/run-now", null),
                new Probe("resume rule", HttpMethod.POST, "/api/v1/schedules/rules/%s/resume", null),
                new Probe("disable rule", HttpMethod.POST, "/api/v1/schedules/rules/%s/disable", null),
                new Probe("enable rule", HttpMethod.POST, "/api/v1/schedules/rules/%s/enable", null),
                new Probe("delete rule", HttpMethod.DELETE, "/api/v1/schedules/rules/%s", null),
                new Probe("rule reminder", HttpMethod.POST, "/api/v1/schedules/rules/%s/reminders", "{\"minutes_before\": 30}"),
                new Probe("remove rule reminder", HttpMethod.DELETE, "/api/v1/schedules/rules/%s/reminders/rem-1", null),
                new Probe("move occurrence", HttpMethod.POST, "/api/v1/schedules/rules/%s/occurrences/occ-1/move",
                        "{\"new_time\": \"" + when + "\"}"),
                new Probe("cancel occurrence", HttpMethod.POST, "/api/v1/schedules/rules/%s/occurrences/occ-1/cancel", null),
                new Probe("missed run", HttpMethod.POST, "/api/v1/schedules/rules/%s/occurrences/occ-1/missed", "{\"action\": \"delete_missed\"}"),
                new Probe("propose a change", HttpMethod.POST, "/api/v1/schedules/rules/%s/change-requests", "{\"instruction\": \"pause\"}"),
                new Probe("confirm a change", HttpMethod.POST, "/api/v1/schedules/rules/%s/change-requests/acme:cr-1/confirm", "{\"version\": 0}"),
                new Probe("reject a change", HttpMethod.POST, "/api/v1/schedules/rules/%s/change-requests/acme:cr-1/reject", "{}"));
        List<Probe> onResource = List.of(
                new Probe("mark unavailable", HttpMethod.POST, "/api/v1/resources/%s/availability/mark-unavailable", range),
                new Probe("mark available", HttpMethod.POST, "/api/v1/resources/%s/availability/mark-available", range));

        SoftAssertions softly = new SoftAssertions();
        for (String acme : List.of(ACME_USER, ACME_ADMIN)) {
            check(softly, acme, onCalendar, globex.calendar(), "acme:cal-nowhere-" + suffix);
            check(softly, acme, onItem, globex.item(), "acme:item-nowhere-" + suffix);
            check(softly, acme, onRule, globex.rule(), "acme:rule-nowhere-" + suffix);
            check(softly, acme, onResource, globex.resource(), "acme:res-nowhere-" + suffix);
        }
        softly.assertAll();

        // Nothing acme sent was applied: globex's calendar is at the version its creation left it (1: its creator's grant).
        send(HttpMethod.POST, "/api/v1/calendars/" + globex.calendar() + "/grants", GLOBEX_USER,
                "{\"user_id\": \"globex:gus\", \"role\": \"viewer\"}").expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"");
        send(HttpMethod.POST, "/api/v1/schedules/" + globex.item() + "/confirm", GLOBEX_USER, null).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
    }

    /** Another tenant's id is refused where it would be read, before the body, the If-Match or the role. */
    @Test
    void anotherTenantsIdInThePathIsRefusedBeforeTheBodyOrIfMatchAreRead() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Globex globex = globexsEntities(suffix);

        for (String ifMatch : List.of("\"99\"", "not-a-version")) {
            client.post().uri("/api/v1/schedules/" + globex.item() + "/reschedule").header(HttpHeaders.AUTHORIZATION, ACME_ADMIN)
                    .header(HttpHeaders.IF_MATCH, ifMatch).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"new_time\": 7}")
                    .exchange().expectStatus().isNotFound()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("id").jsonPath("$.detail").isEqualTo("no item " + globex.item());
        }
    }

    @Test
    void idsOfAnotherTenantInACreationOrABodyAreRefused() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Globex globex = globexsEntities(suffix);
        String calendar = "acme:cal-" + suffix;
        send(HttpMethod.POST, "/api/v1/calendars", ACME_USER, calendarBody(calendar)).expectStatus().isCreated();

        // A client-chosen id of another tenant, or of none: 422 id, rule tenant, naming the prefix expected.
        for (String[] creation : new String[][] {
                {"/api/v1/calendars", calendarBody("globex:cal-mine-" + suffix)},
                {"/api/v1/calendars", calendarBody("cal-bare-" + suffix)},
                {"/api/v1/schedules", itemBody("globex:item-mine-" + suffix, calendar, 1)},
                {"/api/v1/schedules/rules", ruleBody("globex:rule-mine-" + suffix, calendar)},
                {"/api/v1/resources", resourceBody("globex:res-mine-" + suffix)}}) {
            send(HttpMethod.POST, creation[0], ACME_USER, creation[1]).expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("id").jsonPath("$.errors[0].rule").isEqualTo("tenant")
                    .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("acme:"));
        }

        // A server-assigned id is the tenant's.
        EntityExchangeResult<byte[]> assigned = send(HttpMethod.POST, "/api/v1/calendars", ACME_USER, calendarDefinition())
                .expectStatus().isCreated().expectBody().returnResult();
        assertThat(assigned.getResponseHeaders().getLocation()).hasToString(
                "/api/v1/calendars/" + tree(assigned).path("id").asString());
        assertThat(tree(assigned).path("id").asString()).startsWith("acme:");

        // A grant to a user of another tenant.
        send(HttpMethod.POST, "/api/v1/calendars/" + calendar + "/grants", ACME_USER, "{\"user_id\": \"globex:gail\", \"role\": \"viewer\"}")
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("user_id").jsonPath("$.errors[0].rule").isEqualTo("tenant");
        send(HttpMethod.DELETE, "/api/v1/calendars/" + calendar + "/grants/globex:gail", ACME_USER, null).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("tenant");

        // A booking of another tenant's resource.
        String booking = itemBody("acme:item-booking-" + suffix, calendar, 2).replace("}",
                ", \"resources\": [{\"resource_id\": \"" + globex.resource() + "\", \"role\": \"primary\"}]}");
        send(HttpMethod.POST, "/api/v1/schedules", ACME_USER, booking).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("resources[0].resource_id")
                .jsonPath("$.errors[0].rule").isEqualTo("tenant");

        // Another tenant's item named as a dependency, or as a follower, answers as an unknown one.
        SoftAssertions softly = new SoftAssertions();
        String own = "acme:item-own-" + suffix;
        send(HttpMethod.POST, "/api/v1/schedules", ACME_USER, itemBody(own, calendar, 3)).expectStatus().isCreated();
        check(softly, ACME_USER, List.of(
                new Probe("depend on it", HttpMethod.POST, "/api/v1/schedules",
                        itemBody("acme:item-dep-" + suffix, calendar, 4).replace("}", ", \"dependencies\": [\"%s\"]}")),
                new Probe("follow it", HttpMethod.POST, "/api/v1/schedules/" + own + "/links", "{\"follower_id\": \"%s\"}"),
                new Probe("unlink it", HttpMethod.DELETE, "/api/v1/schedules/" + own + "/links/%s", null)),
                globex.item(), "acme:item-nowhere-" + suffix);
        softly.assertAll();
    }

    @Test
    void aPlatformAdminActsInTheTenantItNamesAndOnlyThere() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Globex globex = globexsEntities(suffix);

        client.post().uri("/api/v1/schedules/" + globex.item() + "/confirm").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .header(Callers.TENANT_HEADER, "globex").exchange().expectStatus().isOk();
        client.post().uri("/api/v1/calendars/" + globex.calendar() + "/grants").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .header(Callers.TENANT_HEADER, "globex").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user_id\": \"globex:gus\", \"role\": \"viewer\"}").exchange().expectStatus().isOk();
        client.post().uri("/api/v1/schedules/" + globex.item() + "/confirm").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .header(Callers.TENANT_HEADER, "acme").exchange().expectStatus().isNotFound();
        client.post().uri("/api/v1/schedules/" + globex.item() + "/confirm").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(Callers.TENANT_HEADER);
    }

    /**
     * A run report names its calendar: another tenant's answers exactly as an unknown one, word for word; a chosen run id or
     * an item's id of another tenant is refused on the report alone; a run of another tenant's that a derived id reaches
     * (an occurrence's id names no tenant) tells nothing of itself; and a tenant's own report is taken.
     */
    @Test
    void aRunReportNamesOnlyItsOwnTenantsCalendarRunAndEntry() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Globex globex = globexsEntities(suffix);
        String acmeCalendar = "acme:cal-runs-" + suffix;
        send(HttpMethod.POST, "/api/v1/calendars", ACME_USER, calendarBody(acmeCalendar)).expectStatus().isCreated();
        String occurrence = "occ-" + suffix;

        SoftAssertions softly = new SoftAssertions();
        check(softly, ACME_USER, List.of(new Probe("report a run", HttpMethod.POST, "/api/v1/runs", runReport("%s", "occurrence", occurrence,
                null))), globex.calendar(), "acme:cal-nowhere-" + suffix);
        softly.assertAll();

        send(HttpMethod.POST, "/api/v1/runs", ACME_USER, runReport(acmeCalendar, "occurrence", occurrence, null)).expectStatus().isOk()
                .expectBody().jsonPath("$.calendar_id").isEqualTo(acmeCalendar);
        send(HttpMethod.POST, "/api/v1/runs", ACME_USER, runReport(acmeCalendar, "occurrence", occurrence, "globex:run-" + suffix))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("run_id").jsonPath("$.errors[0].rule").isEqualTo("tenant");
        send(HttpMethod.POST, "/api/v1/runs", ACME_USER, runReport(acmeCalendar, "item", globex.item(), null))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("entry_id").jsonPath("$.errors[0].rule").isEqualTo("tenant");

        // Globex's run of an occurrence acme names too: the same derived run id, answered without a word of globex's.
        String shared = "occ-shared-" + suffix;
        send(HttpMethod.POST, "/api/v1/runs", GLOBEX_USER, runReport(globex.calendar(), "occurrence", shared, null)).expectStatus().isOk();
        EntityExchangeResult<byte[]> refused = send(HttpMethod.POST, "/api/v1/runs", ACME_USER,
                runReport(acmeCalendar, "occurrence", shared, null)).expectStatus().isEqualTo(409).expectBody().returnResult();
        assertThat(tree(refused).path("errors").path(0).path("rule").asString()).isEqualTo("same_run");
        assertThat(text(refused)).doesNotContain("globex");
    }

    /**
     * Pause-all and resume-all are a tenant's (ADR 0102): its admin's emergency pauses its own rules only, another tenant's
     * rules run on, each tenant has an emergency of its own at once, and a platform admin acts for the tenant it names.
     * Tenants of this test's own, so that no other test's rules are paused meanwhile.
     */
    @Test
    void anEmergencyPauseOfEveryRuleIsOneTenantsOwn() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String initech = "initech-" + suffix;
        String umbrella = "umbrella-" + suffix;
        String initechUser = ISSUER.bearerOfTenant(initech, "ivy", List.of());
        String initechAdmin = ISSUER.bearerOfTenant(initech, "ida", List.of("admin"));
        String umbrellaUser = ISSUER.bearerOfTenant(umbrella, "una", List.of());
        List<String> initechsRules = List.of(initech + ":rule-1", initech + ":rule-2");
        String umbrellasRule = umbrella + ":rule-1";
        send(HttpMethod.POST, "/api/v1/calendars", initechUser, calendarBody(initech + ":cal")).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/calendars", umbrellaUser, calendarBody(umbrella + ":cal")).expectStatus().isCreated();
        for (String rule : initechsRules) {
            send(HttpMethod.POST, "/api/v1/schedules/rules", initechUser, ruleBody(rule, initech + ":cal")).expectStatus().isCreated();
        }
        send(HttpMethod.POST, "/api/v1/schedules/rules", umbrellaUser, ruleBody(umbrellasRule, umbrella + ":cal")).expectStatus().isCreated();

        send(HttpMethod.POST, "/api/v1/admin/rules/pause-all", initechAdmin, "{\"reason\": \"initech's queue is down\"}")
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.tenant").isEqualTo(initech)
                .jsonPath("$.id").value(id -> assertThat((String) id).startsWith(initech + ":emergency-"));
        awaitPhase(initechAdmin, null, "paused");
        for (String rule : initechsRules) {
            assertThat(ruleEvents(rule, 2)).containsExactly("RuleCreated", "RulePaused");
        }
        // Umbrella's rule runs on: its user finds it not paused.
        send(HttpMethod.POST, "/api/v1/schedules/rules/" + umbrellasRule + "/resume", umbrellaUser, null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("not_paused");

        // A platform admin opens umbrella's emergency while initech's is open: each tenant has its own.
        client.post().uri("/api/v1/admin/rules/pause-all").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .header(Callers.TENANT_HEADER, umbrella).exchange()
                .expectStatus().isAccepted().expectBody().jsonPath("$.tenant").isEqualTo(umbrella)
                .jsonPath("$.requested_by").isEqualTo("almanac:pat");
        awaitPhase(SUPPORT, umbrella, "paused");
        assertThat(ruleEvents(umbrellasRule, 2)).containsExactly("RuleCreated", "RulePaused");

        // Initech's admin undoes initech's emergency only: umbrella's rule stays paused until umbrella's is undone.
        send(HttpMethod.POST, "/api/v1/admin/rules/resume-all", initechAdmin, null).expectStatus().isAccepted()
                .expectBody().jsonPath("$.tenant").isEqualTo(initech).jsonPath("$.rules_paused").isEqualTo(2);
        for (String rule : initechsRules) {
            assertThat(ruleEvents(rule, 3)).containsExactly("RuleCreated", "RulePaused", "RuleResumed");
        }
        awaitNoEmergency(initechAdmin, null);
        assertThat(rules.polled(TopicReader.keyed(umbrellasRule))).hasSize(2);
        client.post().uri("/api/v1/admin/rules/resume-all").header(HttpHeaders.AUTHORIZATION, SUPPORT)
                .header(Callers.TENANT_HEADER, umbrella).exchange().expectStatus().isAccepted();
        assertThat(ruleEvents(umbrellasRule, 3)).containsExactly("RuleCreated", "RulePaused", "RuleResumed");
    }

    /** Until the tenant's open emergency has reached {@code phase}: a second pause-all is refused, naming it and its phase. */
    private void awaitPhase(String token, @Nullable String tenant, String phase) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(text(adminRules("pause-all", token, tenant)
                .expectStatus().isEqualTo(409).expectBody().returnResult())).contains("emergency_open", ", " + phase + ")"));
    }

    /** Until the tenant's emergency is undone: a resume-all then finds none open. */
    private void awaitNoEmergency(String token, @Nullable String tenant) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(text(adminRules("resume-all", token, tenant)
                .expectBody().returnResult())).contains("no_emergency"));
    }

    private WebTestClient.ResponseSpec adminRules(String action, String token, @Nullable String tenant) {
        WebTestClient.RequestBodySpec request = client.method(HttpMethod.POST).uri("/api/v1/admin/rules/" + action)
                .header(HttpHeaders.AUTHORIZATION, token);
        if (tenant != null) {
            request.header(Callers.TENANT_HEADER, tenant);
        }
        return request.exchange();
    }

    private List<String> ruleEvents(String rule, int count) {
        return rules.awaitRecords(TopicReader.keyed(rule), count).stream()
                .map(record -> TopicReader.header(record, CloudEventHeaders.TYPE).replace("dev.almanac.rule.", "").replace(".v1", ""))
                .toList();
    }

    private static String runReport(String calendar, String entryKind, String entryId, @Nullable String runId) {
        String at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        return "{" + (runId == null ? "" : "\"run_id\": \"" + runId + "\", ") + """
                "calendar_id": "%s", "entry_kind": "%s", "entry_id": "%s", "status": "started", "at": "%s"}"""
                .formatted(calendar, entryKind, entryId, at);
    }

    @Test
    void theRelayNamesEachRecordsTenant() {
        String calendar = "acme:cal-relayed-" + UUID.randomUUID().toString().substring(0, 8);
        send(HttpMethod.POST, "/api/v1/calendars", ACME_USER, calendarBody(calendar)).expectStatus().isCreated();

        List<ConsumerRecord<String, byte[]>> records = calendars.awaitRecords(TopicReader.keyed(calendar), 2);
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(TopicReader.header(record, CloudEventHeaders.TENANT)).isEqualTo("acme");
            assertThat(TopicReader.header(record, CloudEventHeaders.ACTOR)).isEqualTo("acme:alan");
        }
    }

    /**
     * Sends each probe at globex's id and at an acme id no one has: the same status and body, the id aside, and no
     * version, location or consistency token that would tell of globex's.
     */
    private void check(SoftAssertions softly, String token, List<Probe> probes, String globexId, String unknownId) {
        for (Probe probe : probes) {
            EntityExchangeResult<byte[]> hidden = send(probe.method(), probe.at(globexId), token, probe.bodyAt(globexId))
                    .expectBody().returnResult();
            EntityExchangeResult<byte[]> unknown = send(probe.method(), probe.at(unknownId), token, probe.bodyAt(unknownId))
                    .expectBody().returnResult();
            String who = token.equals(ACME_ADMIN) ? "acme's admin" : "acme's user";
            softly.assertThat(hidden.getStatus().value()).as("%s, %s: status", who, probe.family()).isEqualTo(unknown.getStatus().value())
                    .isIn(404, 422);
            softly.assertThat(json(text(hidden))).as("%s, %s: the body, the id aside", who, probe.family())
                    .isEqualTo(json(text(unknown).replace(unknownId, globexId)));
            softly.assertThat(text(hidden).replace(globexId, "")).as("%s, %s: nothing of globex's", who, probe.family())
                    .doesNotContain("globex");
            HttpHeaders headers = hidden.getResponseHeaders();
            softly.assertThat(headers.getETag()).as("%s, %s: no version told", who, probe.family()).isNull();
            softly.assertThat(headers.getLocation()).as("%s, %s: no location", who, probe.family()).isNull();
            softly.assertThat(headers.toSingleValueMap().toString()).as("%s, %s: headers", who, probe.family()).doesNotContain("globex");
        }
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String path, String token, @Nullable String body) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, token);
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static String resourceBody(String id) {
        return """
                {"id": "%s", "name": "Projector", "type": "equipment", "timezone": "UTC"}""".formatted(id);
    }
}
