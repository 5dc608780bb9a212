package dev.almanac.platform.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.OccurrenceMaterialized;

class AlmanacJsonTest {

    private final JsonMapper mapper = AlmanacJson.eventMapper();

    @Test
    void writesSnakeCaseNamesLowerCaseEnumsAndIsoInstants() {
        JsonNode json = mapper.valueToTree(EventSamples.occurrenceMaterialized());

        assertThat(json.get("occurrence_id").asString()).isEqualTo(EventSamples.occurrenceMaterialized().occurrenceId().value());
        assertThat(json.get("dst_resolution").asString()).isEqualTo("gap_shifted");
        assertThat(json.get("dst_policy").get("gap").asString()).isEqualTo("shift_forward");
        assertThat(json.get("start").asString()).isEqualTo("2027-03-14T07:30:00Z");
        assertThat(json.get("timezone").asString()).isEqualTo("America/New_York");
        assertThat(json.get("nominal_local_time").asString()).isEqualTo("2027-03-14T02:30:00");
    }

    @Test
    void readsWhatItWrites() {
        OccurrenceMaterialized sample = EventSamples.occurrenceMaterialized();

        assertThat(mapper.readValue(mapper.writeValueAsString(sample), OccurrenceMaterialized.class)).isEqualTo(sample);
    }

    @Test
    void translatesJavaPathsToWireNames() {
        assertThat(AlmanacJson.wireName("jobTemplate.timeoutSeconds")).isEqualTo("job_template.timeout_seconds");
        assertThat(AlmanacJson.wireName("jobs[2].newTime")).isEqualTo("jobs[2].new_time");
        assertThat(AlmanacJson.wireName("start")).isEqualTo("start");
    }
}
