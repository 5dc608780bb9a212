package dev.almanac.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.junit.jupiter.api.Test;

class WireFormatOpenApiTest {

    @Test
    void describesPropertiesInSnakeCaseAndEnumsInLowerCaseAtEveryDepth() {
        ObjectSchema nested = new ObjectSchema();
        nested.addProperty("entryId", new StringSchema()).addProperty("peakConcurrency", new IntegerSchema());
        nested.setRequired(List.of("entryId"));
        StringSchema kind = new StringSchema();
        kind.setEnum(List.of("ITEM", "RECURRING_RULE"));
        ObjectSchema root = new ObjectSchema();
        root.addProperty("localStart", new StringSchema())
                .addProperty("kind", kind)
                .addProperty("entries", new ArraySchema().items(nested))
                .addProperty("jobTypes", new MapSchema().additionalProperties(new IntegerSchema()));
        OpenAPI openApi = new OpenAPI().components(new Components().addSchemas("Entry", root));

        new WireFormatOpenApi().customise(openApi);

        assertThat(root.getProperties()).containsOnlyKeys("local_start", "kind", "entries", "job_types");
        assertThat(kind.getEnum()).containsExactly("item", "recurring_rule");
        assertThat(nested.getProperties()).containsOnlyKeys("entry_id", "peak_concurrency");
        assertThat(nested.getRequired()).containsExactly("entry_id");
    }
}
