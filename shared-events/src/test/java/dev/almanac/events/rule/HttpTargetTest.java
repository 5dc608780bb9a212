package dev.almanac.events.rule;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpTargetTest {

    @Test
    void anHttpJobIsReadWithPostAsTheDefaultMethod() {
        HttpTarget target = HttpTarget.of(http(Map.of("url", "https://hooks.example.com/run?team=ops",
                "headers", Map.of("X-Team", "ops"), "body", Map.of("task", "cleanup")))).orElseThrow();

        assertThat(target.url().toString()).isEqualTo("https://hooks.example.com/run?team=ops");
        assertThat(target.method()).isEqualTo("POST");
        assertThat(target.headers()).containsEntry("X-Team", "ops");
        assertThat(target.body()).isEqualTo(Map.of("task", "cleanup"));
    }

    @Test
    void aJobOfAnotherTypeHasNoHttpTarget() {
        assertThat(HttpTarget.of(new JobTemplate("maintenance_job", Map.of("url", "not even a url"), 5, null))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null                     | job_template.payload.url | required",
            "not a url                | job_template.payload.url | url",
            "/relative/path           | job_template.payload.url | url",
            "ftp://files.example.com/ | job_template.payload.url | scheme",
            "mailto:ops@example.com   | job_template.payload.url | url",
            "https:///no-host         | job_template.payload.url | host",
            "https://u:p@example.com/ | job_template.payload.url | credentials"})
    void aUrlThatCannotWorkIsRefusedNamingTheField(@Nullable String url, String field, String rule) {
        Map<String, @Nullable Object> payload = new HashMap<>();
        payload.put("url", url);

        assertThatThrownBy(() -> HttpTarget.of(http(payload))).isInstanceOfSatisfying(HttpTarget.Invalid.class, invalid -> {
            assertThat(invalid.field()).isEqualTo(field);
            assertThat(invalid.rule()).isEqualTo(rule);
        });
    }

    @Test
    void aMethodOrHeaderThatCannotWorkIsRefusedNamingTheField() {
        assertThatThrownBy(() -> HttpTarget.of(http(Map.of("url", "http://127.0.0.1/", "method", "TRACE"))))
                .isInstanceOfSatisfying(HttpTarget.Invalid.class, invalid -> assertThat(invalid.field()).isEqualTo("job_template.payload.method"));
        assertThatThrownBy(() -> HttpTarget.of(http(Map.of("url", "http://127.0.0.1/", "headers", Map.of("Almanac-Signature", "forged")))))
                .isInstanceOfSatisfying(HttpTarget.Invalid.class, invalid -> assertThat(invalid.rule()).isEqualTo("reserved"));
        assertThatThrownBy(() -> HttpTarget.of(http(Map.of("url", "http://127.0.0.1/", "headers", Map.of("X-Bad", "a\r\nInjected: 1")))))
                .isInstanceOfSatisfying(HttpTarget.Invalid.class, invalid -> assertThat(invalid.rule()).isEqualTo("value"));
        assertThatThrownBy(() -> HttpTarget.of(http(Map.of("url", "http://127.0.0.1/", "headers", "X-Team: ops"))))
                .isInstanceOfSatisfying(HttpTarget.Invalid.class, invalid -> assertThat(invalid.rule()).isEqualTo("object"));
    }

    private static JobTemplate http(Map<String, @Nullable Object> payload) {
        return new JobTemplate(HttpTarget.JOB_TYPE, payload, null, 30);
    }
}
