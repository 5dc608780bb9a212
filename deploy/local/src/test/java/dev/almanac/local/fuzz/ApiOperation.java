package dev.almanac.local.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation of a service's OpenAPI document, with every {@code $ref} of its schemas resolved.
 *
 * @param body the JSON schema of the request body, or null when it takes none
 * @param bodyRequired whether the document requires the body; an operation whose body is optional
 *     takes an empty one as no body at all
 */
record ApiOperation(String service, String method, String path, List<Parameter> parameters, JsonNode body,
        boolean bodyRequired) {

    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    List<Parameter> in(String location) {
        return parameters.stream().filter(parameter -> parameter.in().equals(location)).toList();
    }

    boolean isCommand() {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    @Override
    public String toString() {
        return service + " " + method + " " + path;
    }

    /** Every operation of the document at {@code docs}. */
    static List<ApiOperation> all(String service, JsonNode docs) {
        List<ApiOperation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    parameters.add(new Parameter(parameter.get("name").asString(), parameter.get("in").asString(),
                            parameter.path("required").asBoolean(false), resolve(docs, parameter.path("schema"))));
                }
                JsonNode requestBody = operation.getValue().path("requestBody");
                JsonNode body = requestBody.path("content").path("application/json").path("schema");
                operations.add(new ApiOperation(service, operation.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        parameters, body.isMissingNode() ? null : resolve(docs, body), requestBody.path("required").asBoolean(false)));
            }
        }
        return operations;
    }

    /** A copy of {@code schema} with every reference replaced by what it refers to. */
    static JsonNode resolve(JsonNode docs, JsonNode schema) {
        if (schema.has("$ref")) {
            String pointer = schema.get("$ref").asString().substring(1);
            return resolve(docs, docs.at(pointer));
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = (ObjectNode) schema.deepCopy();
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            if (field.getKey().equals("properties")) {
                ObjectNode properties = copy.putObject("properties");
                field.getValue().properties().forEach(property -> properties.set(property.getKey(), resolve(docs, property.getValue())));
            } else if (field.getKey().equals("items") || field.getKey().equals("additionalProperties")) {
                copy.set(field.getKey(), resolve(docs, field.getValue()));
            }
        }
        return copy;
    }
}
