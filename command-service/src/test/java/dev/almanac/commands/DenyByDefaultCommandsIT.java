package dev.almanac.commands;

import static dev.almanac.commands.support.Answers.json;
import static dev.almanac.commands.support.Answers.text;
import static dev.almanac.commands.support.Answers.tree;
import static dev.almanac.commands.support.CommandBodies.NEXT_WEEK;
import static dev.almanac.commands.support.CommandBodies.calendarBody;
import static dev.almanac.commands.support.CommandBodies.calendarDefinition;
import static dev.almanac.commands.support.CommandBodies.itemBody;
import static dev.almanac.commands.support.CommandBodies.ruleBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
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
import tools.jackson.databind.JsonNode;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.platform.testing.TestIssuer;

/**
 * Deny by default with real signed tokens on every command family (ADR 0086): bob's token aimed at alice's calendar, item
 * and rule answers exactly as the same command aimed at ids no one has, status and body, the id aside; and a path with a
 * matrix parameter is refused before anything else. One context: command-service in JWT mode, trusting a key made here.
 */
@CommandServiceIntegrationTest
@TestPropertySource(properties = {"almanac.identity.mode=jwt", "almanac.identity.jwt.audiences=almanac",
        // Not the public local default, which JWT mode refuses (ADR 0086).
        "almanac.notify.sealing-key=ZGVueS1ieS1kZWZhdWx0LXRlc3RzLXNlYWxpbmcta3k=",
        // Bob sends each probe twice within a second or two.
        "almanac.commands.rate-limit.per-second=1000"})
class DenyByDefaultCommandsIT {

    private static final TestIssuer ISSUER = TestIssuer.generate();
    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";
    private static final String CUSTOMER = "carl@example.com";
    private static final String OTHER_CUSTOMER = "cora@example.com";
    /** A staff owner is named by a calendar's owner.id, which takes no {@code @}. */
    private static final String STAFF = "sam";
    private static final String ADMIN = "ada@example.com";

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("almanac.identity.jwt.public-key-location", () -> ISSUER.publicKeyFile().toUri().toString());
    }

    @Autowired
    WebTestClient client;

    /** A command on one of alice's ids ({@code %s} in path and body), sent once with it and once with an id no one has. */
    private record Probe(String family, HttpMethod method, String path, @Nullable String body) {

        String at(String id) {
            return path.formatted(id);
        }

        @Nullable String bodyAt(String id) {
            return body == null ? null : body.formatted(id);
        }
    }

    @Test
    void bobsTokenAtAlicesIdsAnswersAsIdsThatDoNotExistOnEveryCommandFamily() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String calendar = "cal-alice-" + suffix;
        String item = "item-alice-" + suffix;
        String rule = "rule-alice-" + suffix;
        // Created with her token: she is granted manager of it in the same commit, so the creation answers version 1.
        send(HttpMethod.POST, "/api/v1/calendars", ALICE, calendarBody(calendar)).expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"");
        send(HttpMethod.POST, "/api/v1/schedules", ALICE, itemBody(item, calendar)).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/schedules/rules", ALICE, ruleBody(rule, calendar)).expectStatus().isCreated();
        String when = NEXT_WEEK.plus(1, ChronoUnit.DAYS).toString();

        List<Probe> onCalendar = List.of(
                new Probe("replace calendar", HttpMethod.PUT, "/api/v1/calendars/%s", calendarDefinition()),
                new Probe("deactivate calendar", HttpMethod.POST, "/api/v1/calendars/%s/deactivate", "{}"),
                new Probe("grant", HttpMethod.POST, "/api/v1/calendars/%s/grants", "{\"user_id\": \"" + BOB + "\", \"role\": \"manager\"}"),
                new Probe("revoke", HttpMethod.DELETE, "/api/v1/calendars/%s/grants/" + ALICE, null),
                new Probe("delete calendar", HttpMethod.DELETE, "/api/v1/calendars/%s", null),
                new Probe("subscribe", HttpMethod.POST, "/api/v1/calendars/%s/subscriptions", null),
                new Probe("schedule into it", HttpMethod.POST, "/api/v1/schedules",
                        itemBody("item-bobs-" + suffix, "%s")),
                new Probe("rule on it", HttpMethod.POST, "/api/v1/schedules/rules", ruleBody("rule-bobs-" + suffix, "%s")));
        List<Probe> onItem = List.of(
                new Probe("reschedule", HttpMethod.POST, "/api/v1/schedules/%s/reschedule", "{\"new_time\": \"" + when + "\"}"),
                new Probe("confirm", HttpMethod.POST, "/api/v1/schedules/%s/confirm", null),
                new Probe("cancel", HttpMethod.POST, "/api/v1/schedules/%s/cancel", null),
                new Probe("delete item", HttpMethod.DELETE, "/api/v1/schedules/%s", null),
                new Probe("attach", HttpMethod.POST, "/api/v1/schedules/%s/attachments", """
                        {"name": "plan.pdf", "media_type": "application/pdf", "size_bytes": 10, "url": "https://files.example.com/p.pdf"}"""),
                new Probe("bulk reschedule", HttpMethod.POST, "/api/v1/schedules/bulk-reschedule",
                        "{\"jobs\": [{\"job_id\": \"%s\", \"new_time\": \"" + when + "\"}]}"));
        List<Probe> onRule = List.of(
                new Probe("pause rule", HttpMethod.POST, "/api/v1/schedules/rules/%s/pause", null),
                new Probe("disable rule", HttpMethod.POST, "/api/v1/schedules/rules/%s/disable", null),
                new Probe("delete rule", HttpMethod.DELETE, "/api/v1/schedules/rules/%s", null),
                new Probe("propose a change", HttpMethod.POST, "/api/v1/schedules/rules/%s/change-requests", "{\"instruction\": \"pause\"}"));

        SoftAssertions softly = new SoftAssertions();
        check(softly, onCalendar, calendar, "cal-nowhere-" + suffix);
        check(softly, onItem, item, "item-nowhere-" + suffix);
        check(softly, onRule, rule, "rule-nowhere-" + suffix);
        softly.assertAll();

        // Nothing bob sent was applied: alice's calendar is still hers, at the version her own commands left it.
        send(HttpMethod.POST, "/api/v1/calendars/" + calendar + "/grants", ALICE, "{\"user_id\": \"" + BOB + "\", \"role\": \"viewer\"}")
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"");
        // Once bob sees it, he keeps 403 for what his role does not allow: alice's item needs a manager of it (ADR 0090).
        send(HttpMethod.POST, "/api/v1/schedules/" + item + "/cancel", BOB, null).expectStatus().isForbidden()
                .expectBody().jsonPath("$.required_role").isEqualTo("manager").jsonPath("$.errors[0].rule").isEqualTo("owner");
    }

    /**
     * What state alice's hidden items, rule and calendar are in is not told to bob before his role is checked either: a
     * command on a cancelled or deleted item, a deleted rule or calendar, or with an If-Match behind the current version,
     * answers as the same command on an id no one has (ADR 0086); an If-Match behind or ahead of it too, since the version is
     * compared only once the caller's role is decided.
     */
    @Test
    void theStateAndVersionOfWhatBobCannotSeeAreNotToldBeforeHisRole() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String calendar = "cal-alice-" + suffix;
        String gone = "cal-gone-" + suffix;
        String live = "item-live-" + suffix;
        String cancelled = "item-cancelled-" + suffix;
        String deleted = "item-deleted-" + suffix;
        String rule = "rule-deleted-" + suffix;
        send(HttpMethod.POST, "/api/v1/calendars", ALICE, calendarBody(calendar)).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/calendars", ALICE, calendarBody(gone)).expectStatus().isCreated();
        List<String> items = List.of(live, cancelled, deleted);
        for (int at = 0; at < items.size(); at++) {
            send(HttpMethod.POST, "/api/v1/schedules", ALICE, itemBody(items.get(at), calendar, at)).expectStatus().isCreated();
        }
        send(HttpMethod.POST, "/api/v1/schedules/rules", ALICE, ruleBody(rule, calendar)).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/schedules/" + live + "/confirm", ALICE, null).expectStatus().isOk();
        send(HttpMethod.POST, "/api/v1/schedules/" + cancelled + "/cancel", ALICE, null).expectStatus().isOk();
        send(HttpMethod.DELETE, "/api/v1/schedules/" + deleted, ALICE, null).expectStatus().isOk();
        send(HttpMethod.DELETE, "/api/v1/schedules/rules/" + rule, ALICE, null).expectStatus().is2xxSuccessful();
        send(HttpMethod.DELETE, "/api/v1/calendars/" + gone, ALICE, null).expectStatus().is2xxSuccessful();

        SoftAssertions softly = new SoftAssertions();
        String unknownItem = "item-nowhere-" + suffix;
        check(softly, List.of(new Probe("reschedule a cancelled item", HttpMethod.POST, "/api/v1/schedules/%s/reschedule", moveBody(2)),
                new Probe("confirm a cancelled item", HttpMethod.POST, "/api/v1/schedules/%s/confirm", null)), cancelled, unknownItem);
        check(softly, List.of(new Probe("reschedule a deleted item", HttpMethod.POST, "/api/v1/schedules/%s/reschedule", moveBody(2)),
                new Probe("delete a deleted item", HttpMethod.DELETE, "/api/v1/schedules/%s", null)), deleted, unknownItem);
        check(softly, List.of(new Probe("pause a deleted rule", HttpMethod.POST, "/api/v1/schedules/rules/%s/pause", null)), rule,
                "rule-nowhere-" + suffix);
        check(softly, List.of(new Probe("replace a deleted calendar", HttpMethod.PUT, "/api/v1/calendars/%s", calendarDefinition())), gone,
                "cal-nowhere-" + suffix);
        for (String version : List.of("\"0\"", "\"1\"", "\"9\"")) {
            EntityExchangeResult<byte[]> hidden = sendIfMatch("/api/v1/schedules/" + live + "/reschedule", version, moveBody(3));
            EntityExchangeResult<byte[]> unknown = sendIfMatch("/api/v1/schedules/" + unknownItem + "/reschedule", version, moveBody(3));
            softly.assertThat(hidden.getStatus().value()).as("If-Match %s: status", version).isEqualTo(unknown.getStatus().value())
                    .isEqualTo(404);
            softly.assertThat(json(text(hidden))).as("If-Match %s: the body, the id aside", version)
                    .isEqualTo(json(text(unknown).replace(unknownItem, live)));
        }
        softly.assertAll();
    }

    /**
     * The role before If-Match, on every versioned command: a viewer of the calendar, who sees the item and the rule but may
     * change neither, gets the same 403 whatever If-Match names, behind or ahead of the current version or none; the
     * scheduler whose item and rule they are gets 412 for either, and nothing of it is applied. The item is tried through
     * its aggregate (a PUT) and through the moves that load it themselves (reschedule); the rule through its aggregate.
     */
    @Test
    void theRoleIsDecidedBeforeIfMatchIsCompared() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String calendar = "cal-versions-" + suffix;
        String item = "item-carl-" + suffix;
        String rule = "rule-carl-" + suffix;
        send(HttpMethod.POST, "/api/v1/calendars", ALICE, calendarBody(calendar)).expectStatus().isCreated();
        for (String[] grant : new String[][] {{BOB, "viewer"}, {CUSTOMER, "scheduler"}}) {
            send(HttpMethod.POST, "/api/v1/calendars/" + calendar + "/grants", ALICE,
                    "{\"user_id\": \"" + grant[0] + "\", \"role\": \"" + grant[1] + "\"}").expectStatus().isOk();
        }
        send(HttpMethod.POST, "/api/v1/schedules", CUSTOMER, itemBody(item, calendar)).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/schedules/rules", CUSTOMER, ruleBody(rule, calendar)).expectStatus().isCreated();
        // Each at version 1, so that "0" is behind and "7" ahead.
        send(HttpMethod.PUT, "/api/v1/schedules/" + item, CUSTOMER, "{\"title\": \"Carl's review\"}").expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        send(HttpMethod.POST, "/api/v1/schedules/rules/" + rule + "/pause", CUSTOMER, null).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        List<Probe> versioned = List.of(
                new Probe("update the item", HttpMethod.PUT, "/api/v1/schedules/" + item, "{\"title\": \"Mine now\"}"),
                new Probe("reschedule the item", HttpMethod.POST, "/api/v1/schedules/" + item + "/reschedule", moveBody(2)),
                new Probe("resume the rule", HttpMethod.POST, "/api/v1/schedules/rules/" + rule + "/resume", null));

        SoftAssertions softly = new SoftAssertions();
        for (Probe probe : versioned) {
            EntityExchangeResult<byte[]> withoutIfMatch = withIfMatch(probe, BOB, null);
            softly.assertThat(withoutIfMatch.getStatus().value()).as("%s by a viewer", probe.family()).isEqualTo(403);
            String without = text(withoutIfMatch);
            for (String version : List.of("\"0\"", "\"7\"")) {
                EntityExchangeResult<byte[]> viewer = withIfMatch(probe, BOB, version);
                softly.assertThat(viewer.getStatus().value()).as("%s by a viewer, If-Match %s", probe.family(), version).isEqualTo(403);
                softly.assertThat(json(text(viewer))).as("%s by a viewer, If-Match %s: the answer without it", probe.family(), version)
                        .isEqualTo(json(without));
                EntityExchangeResult<byte[]> owner = withIfMatch(probe, CUSTOMER, version);
                softly.assertThat(owner.getStatus().value()).as("%s by its scheduler, If-Match %s", probe.family(), version).isEqualTo(412);
            }
        }
        softly.assertAll();
        // Nothing of it was applied: both are still at version 1.
        send(HttpMethod.PUT, "/api/v1/schedules/" + item, CUSTOMER, "{\"title\": \"Carl's check-up\"}").expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"");
        send(HttpMethod.POST, "/api/v1/schedules/rules/" + rule + "/resume", CUSTOMER, null).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"");
    }

    private EntityExchangeResult<byte[]> withIfMatch(Probe probe, String user, @Nullable String version) {
        WebTestClient.RequestBodySpec request = client.method(probe.method()).uri(probe.path())
                .header(HttpHeaders.AUTHORIZATION, ISSUER.bearer(user, List.of()));
        if (version != null) {
            request.header(HttpHeaders.IF_MATCH, version);
        }
        return (probe.body() == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(probe.body()).exchange())
                .expectBody().returnResult();
    }

    /** ADR 0103, with real tokens: a resource's availability is its creator's or an admin's to change; bob gets 403. */
    @Test
    void aResourcesAvailabilityIsChangedByItsCreatorOrAnAdmin() {
        String resource = "res-alice-" + UUID.randomUUID().toString().substring(0, 8);
        send(HttpMethod.POST, "/api/v1/resources", ALICE, """
                {"id": "%s", "name": "Projector", "type": "equipment", "timezone": "UTC"}""".formatted(resource)).expectStatus().isCreated();
        String range = "{\"start\": \"" + NEXT_WEEK + "\", \"end\": \"" + NEXT_WEEK.plus(1, ChronoUnit.DAYS) + "\", \"reason\": \"repair\"}";
        String path = "/api/v1/resources/" + resource + "/availability/";

        send(HttpMethod.POST, path + "mark-unavailable", BOB, range).expectStatus().isForbidden()
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("resource_owner").jsonPath("$.required_role").isEqualTo("admin");
        send(HttpMethod.POST, path + "mark-unavailable", ALICE, range).expectStatus().isOk();
        send(HttpMethod.POST, path + "mark-available", BOB, range).expectStatus().isForbidden();
        client.method(HttpMethod.POST).uri(path + "mark-available").header(HttpHeaders.AUTHORIZATION, ISSUER.bearer(ADMIN, List.of("admin")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(range).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(2);
    }

    private EntityExchangeResult<byte[]> sendIfMatch(String path, String version, String body) {
        return client.method(HttpMethod.POST).uri(path).header(HttpHeaders.AUTHORIZATION, ISSUER.bearer(BOB, List.of()))
                .header(HttpHeaders.IF_MATCH, version).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectBody().returnResult();
    }

    /**
     * Seed 003's roles as the grants of docs/security.md, with real tokens (ADR 0090): customers (schedulers of the clinic)
     * book and change their own items only; staff (a scheduler of the clinic, the staff owner of his own calendar) change
     * their own items on the clinic and anyone's on their own calendar; the clinic's manager changes anyone's there; an
     * admin anyone's anywhere. Everyone else who sees an item gets 403, rule owner, needing the manager role.
     */
    @Test
    void seed003sRolesAsGrantsDecideWhoChangesWhichItem() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String clinic = "cal-clinic-" + suffix;
        String samsCalendar = "cal-sam-" + suffix;
        send(HttpMethod.POST, "/api/v1/calendars", ALICE, calendarBody(clinic)).expectStatus().isCreated();
        // Alice creates sam's calendar, naming him its staff owner: he is its manager, she its creator.
        send(HttpMethod.POST, "/api/v1/calendars", ALICE, "{\"owner\": {\"id\": \"" + STAFF + "\", \"type\": \"staff\"}, "
                + calendarBody(samsCalendar).substring(1)).expectStatus().isCreated();
        for (String[] grant : new String[][] {{clinic, CUSTOMER}, {clinic, OTHER_CUSTOMER}, {clinic, STAFF}, {samsCalendar, CUSTOMER}}) {
            send(HttpMethod.POST, "/api/v1/calendars/" + grant[0] + "/grants", ALICE,
                    "{\"user_id\": \"" + grant[1] + "\", \"role\": \"scheduler\"}").expectStatus().isOk();
        }
        String carls = "item-carl-" + suffix;
        String corasOwn = "item-cora-" + suffix;
        String carlsWithSam = "item-carl-sam-" + suffix;
        send(HttpMethod.POST, "/api/v1/schedules", CUSTOMER, itemBody(carls, clinic)).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/schedules", OTHER_CUSTOMER, itemBody(corasOwn, clinic)).expectStatus().isCreated();
        send(HttpMethod.POST, "/api/v1/schedules", CUSTOMER, itemBody(carlsWithSam, samsCalendar)).expectStatus().isCreated();

        // A customer changes their own item.
        send(HttpMethod.POST, "/api/v1/schedules/" + carls + "/reschedule", CUSTOMER, moveBody(2)).expectStatus().isOk();
        send(HttpMethod.PUT, "/api/v1/schedules/" + carls, CUSTOMER, "{\"title\": \"Carl's check-up\"}").expectStatus().isOk();

        // Another customer, and staff where they are only schedulers, change none of it; nothing they send is applied.
        List<Probe> changes = List.of(
                new Probe("reschedule", HttpMethod.POST, "/api/v1/schedules/%s/reschedule", moveBody(3)),
                new Probe("confirm", HttpMethod.POST, "/api/v1/schedules/%s/confirm", null),
                new Probe("put", HttpMethod.PUT, "/api/v1/schedules/%s", "{\"title\": \"Mine now\"}"),
                new Probe("attach", HttpMethod.POST, "/api/v1/schedules/%s/attachments", """
                        {"name": "x-ray.png", "media_type": "image/png", "size_bytes": 10, "url": "https://files.example.com/x.png"}"""),
                new Probe("link a follower", HttpMethod.POST, "/api/v1/schedules/%s/links", "{\"follower_id\": \"" + corasOwn + "\"}"),
                new Probe("cancel", HttpMethod.POST, "/api/v1/schedules/%s/cancel", null),
                new Probe("delete", HttpMethod.DELETE, "/api/v1/schedules/%s", null));
        SoftAssertions softly = new SoftAssertions();
        for (String stranger : List.of(OTHER_CUSTOMER, STAFF)) {
            for (Probe probe : changes) {
                EntityExchangeResult<byte[]> refused = send(probe.method(), probe.at(carls), stranger, probe.bodyAt(carls))
                        .expectBody().returnResult();
                softly.assertThat(refused.getStatus().value()).as("%s by %s: status", probe.family(), stranger).isEqualTo(403);
                JsonNode problem = tree(refused);
                softly.assertThat(problem.path("errors").path(0).path("rule").asString()).as("%s by %s: rule", probe.family(), stranger)
                        .isEqualTo("owner");
                softly.assertThat(problem.path("required_role").asString()).as("%s by %s: role", probe.family(), stranger)
                        .isEqualTo("manager");
                softly.assertThat(problem.path("errors").path(0).path("message").asString()).as("%s by %s: message", probe.family(), stranger)
                        .contains("which " + CUSTOMER + " owns");
            }
        }
        softly.assertAll();
        // Carl's item is where he left it, at the version his own two changes gave it.
        send(HttpMethod.POST, "/api/v1/schedules/" + carls + "/confirm", CUSTOMER, null).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"");

        // Staff change what customers booked on their own calendar: its staff owner is its manager.
        send(HttpMethod.POST, "/api/v1/schedules/" + carlsWithSam + "/reschedule", STAFF, moveBody(4)).expectStatus().isOk();
        // The clinic's manager changes anyone's item there; an admin anyone's anywhere.
        send(HttpMethod.POST, "/api/v1/schedules/" + carls + "/reschedule", ALICE, moveBody(5)).expectStatus().isOk();
        client.delete().uri("/api/v1/schedules/" + corasOwn).header(HttpHeaders.AUTHORIZATION, ISSUER.bearer(ADMIN, List.of("admin")))
                .exchange().expectStatus().isOk();
    }

    @Test
    void aRepeatOfAnotherUsersCreationTellsOnlyThatTheIdIsTaken() {
        String calendar = "cal-taken-" + UUID.randomUUID();
        send(HttpMethod.POST, "/api/v1/calendars", ALICE, calendarBody(calendar)).expectStatus().isCreated();

        send(HttpMethod.POST, "/api/v1/calendars", BOB, calendarBody(calendar)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("unique");
        send(HttpMethod.POST, "/api/v1/calendars", ALICE, calendarBody(calendar)).expectStatus().isOk();
    }

    @Test
    void aMatrixParameterIsRefusedNamingThePathBeforeAnythingElse() {
        for (String user : new String[] {ALICE, null}) {
            WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/schedules/item-x;x=1/reschedule")
                    .contentType(MediaType.APPLICATION_JSON);
            if (user != null) {
                request.header(HttpHeaders.AUTHORIZATION, ISSUER.bearer(user, List.of()));
            }
            request.bodyValue("{\"new_time\": \"" + NEXT_WEEK + "\"}").exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("path")
                    .jsonPath("$.errors[0].rule").isEqualTo("matrix_parameters")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("/api/v1/schedules/item-x;x=1/reschedule"));
        }
    }

    private void check(SoftAssertions softly, List<Probe> probes, String hiddenId, String unknownId) {
        for (Probe probe : probes) {
            EntityExchangeResult<byte[]> hidden = send(probe.method(), probe.at(hiddenId), BOB, probe.bodyAt(hiddenId))
                    .expectBody().returnResult();
            EntityExchangeResult<byte[]> unknown = send(probe.method(), probe.at(unknownId), BOB, probe.bodyAt(unknownId))
                    .expectBody().returnResult();
            softly.assertThat(hidden.getStatus().value()).as("%s: status", probe.family()).isEqualTo(unknown.getStatus().value())
                    .isIn(404, 422);
            softly.assertThat(json(text(hidden))).as("%s: the body, the id aside", probe.family())
                    .isEqualTo(json(text(unknown).replace(unknownId, hiddenId)));
            softly.assertThat(hidden.getResponseHeaders().getETag()).as("%s: no version told", probe.family()).isNull();
        }
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String path, String user, @Nullable String body) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path)
                .header(HttpHeaders.AUTHORIZATION, ISSUER.bearer(user, List.of()));
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** A move to {@code days} after next week's hour. */
    private static String moveBody(int days) {
        return "{\"new_time\": \"" + NEXT_WEEK.plus(days, ChronoUnit.DAYS) + "\"}";
    }
}
