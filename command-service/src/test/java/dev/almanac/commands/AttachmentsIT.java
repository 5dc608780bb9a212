package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.commands.support.ScheduleClient;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.platform.consistency.ConsistencyToken;

/** Attachment references (DEP-ATTACH) over HTTP: added, repeated, removed, and refused naming the field and rule. */
@CommandServiceIntegrationTest
class AttachmentsIT {

    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    private ScheduleClient schedules;
    private String item;

    @BeforeEach
    void anItem() {
        schedules = new ScheduleClient(client, jdbc, eventStore);
        item = schedules.schedule("item", schedules.createCalendar(5, "allow"), NEXT_WEEK);
    }

    private WebTestClient.ResponseSpec attach(Map<String, Object> body) {
        return client.post().uri("/api/v1/schedules/{id}/attachments", item).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private static Map<String, Object> slides(Object... overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("id", "att-slides", "name", "Q4 slides.pdf", "media_type", "application/pdf",
                "size_bytes", 2_481_337, "storage_key", "reviews/2026/q4/slides.pdf"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                body.remove((String) overrides[i]);
            } else {
                body.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return body;
    }

    @Test
    void addsRepeatsAndRemovesAReferenceWithTheItemsVersionAndToken() {
        attach(slides())
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().valueEquals(ConsistencyToken.HEADER, ConsistencyToken.item(item, 1).encode())
                .expectBody()
                .jsonPath("$.attachment_id").isEqualTo("att-slides")
                .jsonPath("$.storage_key").isEqualTo("reviews/2026/q4/slides.pdf")
                .jsonPath("$.url").doesNotExist()
                .jsonPath("$.attachment_count").isEqualTo(1)
                .jsonPath("$.audit_id").isNotEmpty();
        attach(slides()).expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        attach(slides("storage_key", "reviews/2026/q4/slides-v2.pdf"))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id").jsonPath("$.errors[0].rule").isEqualTo("unique");
        attach(slides("id", null, "storage_key", null, "url", "https://files.example.com/photo.jpg", "media_type", "IMAGE/JPEG"))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.attachment_count").isEqualTo(2).jsonPath("$.media_type").isEqualTo("image/jpeg");
        assertThat(schedules.history(item).get(1).payload()).isInstanceOfSatisfying(AttachmentAdded.class,
                added -> assertThat(added.sizeBytes()).isEqualTo(2_481_337));

        client.delete().uri("/api/v1/schedules/{id}/attachments/{attachmentId}", item, "att-slides").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody().jsonPath("$.attachment_count").isEqualTo(1);
        client.delete().uri("/api/v1/schedules/{id}/attachments/{attachmentId}", item, "att-slides").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("attachmentId").jsonPath("$.errors[0].rule").isEqualTo("exists");
        assertThat(schedules.storedVersion(item)).isEqualTo(3);
    }

    @Test
    void badReferencesAreRefusedNamingTheFieldAndRule() {
        expect(attach(slides("url", "https://files.example.com/a.pdf")), HttpStatus.BAD_REQUEST, "storage_key", "one_of");
        expect(attach(slides("storage_key", null)), HttpStatus.BAD_REQUEST, "url", "one_of");
        expect(attach(slides("storage_key", null, "url", "http://files.example.com/a.pdf")), HttpStatus.BAD_REQUEST, "url", "https_url");
        expect(attach(slides("storage_key", null, "url", "https://user:secret@files.example.com/a.pdf")), HttpStatus.BAD_REQUEST,
                "url", "https_url");
        expect(attach(slides("storage_key", null, "url", "https:///no-host")), HttpStatus.BAD_REQUEST, "url", "https_url");
        expect(attach(slides("storage_key", "/etc/passwd")), HttpStatus.BAD_REQUEST, "storage_key", "pattern");
        expect(attach(slides("storage_key", "a/../b")), HttpStatus.BAD_REQUEST, "storage_key", "pattern");
        expect(attach(slides("storage_key", "a//b")), HttpStatus.BAD_REQUEST, "storage_key", "pattern");
        expect(attach(slides("storage_key", "a\\b")), HttpStatus.BAD_REQUEST, "storage_key", "pattern");
        expect(attach(slides("media_type", "pdf")), HttpStatus.BAD_REQUEST, "media_type", "pattern");
        expect(attach(slides("size_bytes", -1)), HttpStatus.BAD_REQUEST, "size_bytes", "range");
        expect(attach(slides("size_bytes", 6L * 1024 * 1024 * 1024 * 1024)), HttpStatus.BAD_REQUEST, "size_bytes", "range");
        expect(attach(slides("name", null)), HttpStatus.BAD_REQUEST, "name", "required");
        expect(attach(slides("name", "x".repeat(256))), HttpStatus.BAD_REQUEST, "name", "size");
        expect(attach(slides("id", "bad id!")), HttpStatus.BAD_REQUEST, "id", "pattern");
        expect(client.post().uri("/api/v1/schedules/{id}/attachments", "nobody").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(slides()).exchange(), HttpStatus.NOT_FOUND, "id", "exists");
        assertThat(schedules.storedVersion(item)).isEqualTo(0);

        schedules.cancel(item).expectStatus().isOk();
        expect(attach(slides()), HttpStatus.CONFLICT, "id", "cancelled");
    }

    private static void expect(WebTestClient.ResponseSpec response, HttpStatus status, String field, String rule) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }
}
