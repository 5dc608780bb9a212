package dev.almanac.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import dev.almanac.platform.json.AlmanacJson;

/**
 * Makes the OpenAPI schemas describe what the wire carries. springdoc reads models with
 * swagger-core's own Jackson 2 mapper, which does not know the platform's Jackson 3 convention;
 * left alone, {@code /v3/api-docs} would show camelCase properties and upper-case enum values
 * that no response ever contains.
 */
public class WireFormatOpenApi implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(WireFormatOpenApi::toWireFormat);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void toWireFormat(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            Map<String, Schema> renamed = new LinkedHashMap<>();
            properties.forEach((name, property) -> {
                toWireFormat(property);
                renamed.put(AlmanacJson.wireName(name), property);
            });
            schema.setProperties(renamed);
        }
        List<String> required = schema.getRequired();
        if (required != null) {
            schema.setRequired(required.stream().map(AlmanacJson::wireName).toList());
        }
        List<?> values = schema.getEnum();
        if (values != null && values.stream().allMatch(String.class::isInstance)) {
            schema.setEnum(values.stream().map(value -> ((String) value).toLowerCase(Locale.ROOT)).toList());
        }
        if (schema.getItems() != null) {
            toWireFormat(schema.getItems());
        }
        if (schema.getAdditionalProperties() instanceof Schema valueSchema) {
            toWireFormat(valueSchema);
        }
        for (List<Schema> composed : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (composed != null) {
                composed.forEach(WireFormatOpenApi::toWireFormat);
            }
        }
    }
}
