package dev.almanac.local.fuzz;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the hostile requests for one operation from its OpenAPI description: malformed
 * JSON, wrong types, missing and extra fields, extreme values, bad Unicode, bad path ids and
 * bad query parameters. A seeded random picks among the variants, so a run is reproducible
 * from its seed and every new endpoint is covered without editing this class.
 */
final class FuzzCases {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings no field may hold: NUL, a lone surrogate, an escape and a bell control character, a noncharacter. */
    private static final List<String> ILLEGAL_TEXT = List.of("a\u0000b", "lone \ud800 surrogate", "\u001b[31mred", "bell\u0007",
            "\uffff");
    /** Strings that are odd but legal: they may be refused by a field's own rules, never with a 5xx. */
    private static final List<String> ODD_TEXT = List.of("🗓️ Réunion — 日本語", "\u202eoverride", "e\u0301\u0301\u0301", " ", "",
            "x".repeat(5000), "'; DROP TABLE domainevententry; --", "${jndi:ldap://x}", "../../etc/passwd", "%00%zz");
    private static final List<String> ILLEGAL_INSTANTS = List.of("+999999999-12-31T10:00:00Z", "-999999999-01-01T00:00:00Z",
            "2026-12-01T24:00:00Z", "tomorrow", "2026-12-01T10:00:00", "2026-12-01T10:00:00Z\u0000", "2026-02-30T10:00:00Z", "");
    private static final List<String> BAD_PATH_IDS = List.of("%zz", "%00", "..%2F..%2Fetc%2Fpasswd", "x".repeat(300),
            "bad%20id%21", "%C3%A9t%C3%A9", "%ff%fe", "%2e%2e", "a%0Ab");
    private static final List<String> MALFORMED_BODIES = List.of("", "{", "{\"a\":}", "[]", "\"text\"", "42", "null", "{}}",
            "{\"a\": 1} {\"b\": 2}", "{'single': 'quotes'}", "[".repeat(5000) + "]".repeat(5000), "{\"a\": NaN}");

    private final Samples samples;
    private final Map<String, String> pathIds;
    private final SplittableRandom random;

    /** @param pathIds the id to put into a path parameter, by the path's first segment after /api/v1 */
    FuzzCases(Samples samples, Map<String, String> pathIds, long seed) {
        this.samples = samples;
        this.pathIds = pathIds;
        this.random = new SplittableRandom(seed);
    }

    List<FuzzCase> of(ApiOperation operation) {
        List<FuzzCase> cases = new ArrayList<>();
        Map<String, String> query = validQuery(operation);
        String path = pathWith(operation, null);
        if (operation.body() != null) {
            bodyCases(operation, path + queryString(query), cases);
        }
        for (String bad : BAD_PATH_IDS) {
            if (!operation.in("path").isEmpty()) {
                String json = operation.body() == null ? null : samples.object(operation.body(), random).toString();
                cases.add(FuzzCase.of(operation, "path id " + bad, pathWith(operation, bad) + queryString(query), json, true));
            }
        }
        queryCases(operation, path, query, cases);
        return cases;
    }

    private void bodyCases(ApiOperation operation, String target, List<FuzzCase> cases) {
        JsonNode schema = operation.body();
        cases.add(FuzzCase.of(operation, "valid", target, samples.object(schema, random).toString(), false));
        for (String malformed : MALFORMED_BODIES) {
            if (!operation.bodyRequired() && (malformed.isEmpty() || malformed.equals("null"))) {
                continue; // an optional body may be left out, as nothing or as JSON null: neither is malformed there
            }
            cases.add(FuzzCase.of(operation, "malformed body " + abbreviate(malformed), target, malformed, true));
        }
        cases.add(FuzzCase.of(operation, "body over the size limit", target,
                "{\"pad\": \"" + "x".repeat(300_000) + "\"}", true));
        byte[] notUtf8 = samples.object(schema, random).toString().replaceFirst("\"fuzz ", "\"\u0001").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < notUtf8.length; i++) {
            if (notUtf8[i] == 1) {
                notUtf8[i] = (byte) 0xC3;
            }
        }
        cases.add(new FuzzCase(operation, "bytes that are not UTF-8", target, Map.of("Content-Type", "application/json"), notUtf8, true));
        ObjectNode extra = samples.object(schema, random);
        extra.put("fuzz_unknown_field", 1);
        cases.add(FuzzCase.of(operation, "unknown field", target, extra.toString(), true));
        cases.add(new FuzzCase(operation, "not JSON", target, Map.of("Content-Type", "text/plain"),
                "hello".getBytes(StandardCharsets.UTF_8), true));
        fieldCases(operation, target, schema, "", cases, 0);
    }

    /** Mutations of each property, one at a time, nested objects included. */
    private void fieldCases(ApiOperation operation, String target, JsonNode schema, String prefix, List<FuzzCase> cases, int depth) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = property.getKey();
            JsonNode fieldSchema = property.getValue();
            String field = prefix + name;
            if (required.contains(name)) {
                cases.add(mutate(operation, target, field, null, "missing " + field, true));
                cases.add(mutate(operation, target, field, NODES.nullNode(), "null " + field, true));
            }
            for (JsonNode wrong : wrongTypes(fieldSchema)) {
                cases.add(mutate(operation, target, field, wrong, "wrong type " + field + "=" + abbreviate(wrong.toString()), true));
            }
            String type = fieldSchema.path("type").asString("object");
            if (type.equals("string")) {
                String illegal = pick(ILLEGAL_TEXT);
                cases.add(mutate(operation, target, field, NODES.stringNode(illegal), "illegal text in " + field, true));
                String odd = pick(ODD_TEXT);
                cases.add(mutate(operation, target, field, NODES.stringNode(odd), "odd text in " + field, false));
                if (fieldSchema.has("enum")) {
                    cases.add(mutate(operation, target, field, NODES.stringNode("fuzz-unknown"), "unknown " + field, true));
                    cases.add(mutate(operation, target, field, NODES.numberNode(0), "enum by position " + field, true));
                }
                if ("date-time".equals(fieldSchema.path("format").asString("")) || name.equals("new_time")) {
                    cases.add(mutate(operation, target, field, NODES.stringNode(pick(ILLEGAL_INSTANTS)), "bad instant " + field, true));
                    cases.add(mutate(operation, target, field, NODES.numberNode(1_764_597_600L), "epoch " + field, true));
                }
            }
            if (type.equals("integer") || type.equals("number")) {
                cases.add(mutate(operation, target, field, NODES.numberNode(new BigInteger("99999999999999999999999")),
                        "huge " + field, true));
                cases.add(mutate(operation, target, field, NODES.numberNode(1.5), "fraction " + field, true));
                if (fieldSchema.has("minimum")) {
                    cases.add(mutate(operation, target, field, NODES.numberNode(fieldSchema.get("minimum").asLong() - 1),
                            "below minimum " + field, true));
                }
                if (fieldSchema.has("maximum")) {
                    cases.add(mutate(operation, target, field, NODES.numberNode(fieldSchema.get("maximum").asLong() + 1),
                            "above maximum " + field, true));
                }
                cases.add(mutate(operation, target, field, NODES.numberNode(Long.MAX_VALUE), "long max " + field, false));
            }
            if (type.equals("object") && fieldSchema.has("properties") && depth < 2) {
                fieldCases(operation, target, fieldSchema, field + ".", cases, depth + 1);
            }
            if (type.equals("object") && !fieldSchema.has("properties")) {
                ObjectNode odd = NODES.objectNode();
                odd.put("a.b", 1).put("$where", "x").put("🗝", NODES.arrayNode().add(1).toString()).putObject("nested").put("", "empty key");
                cases.add(mutate(operation, target, field, odd, "odd keys in " + field, false));
                ObjectNode illegal = NODES.objectNode();
                illegal.put("a\u0000b", 1);
                cases.add(mutate(operation, target, field, illegal, "NUL in a key of " + field, true));
            }
            if (type.equals("array")) {
                cases.add(mutate(operation, target, field, NODES.arrayNode().add(NODES.objectNode()), "object in " + field, true));
            }
        }
    }

    private FuzzCase mutate(ApiOperation operation, String target, String field, JsonNode value, String description, boolean refused) {
        ObjectNode body = samples.object(operation.body(), random);
        String[] path = field.split("\\.");
        ObjectNode parent = body;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = parent.get(path[i]);
            if (!(child instanceof ObjectNode object)) {
                return FuzzCase.of(operation, description + " (parent absent)", target, body.toString(), false);
            }
            parent = object;
        }
        if (value == null) {
            parent.remove(path[path.length - 1]);
        } else {
            parent.set(path[path.length - 1], value);
        }
        return FuzzCase.of(operation, description, target, body.toString(), refused);
    }

    private List<JsonNode> wrongTypes(JsonNode schema) {
        List<JsonNode> all = List.of(NODES.stringNode("12"), NODES.numberNode(12), NODES.booleanNode(true), NODES.objectNode(),
                NODES.arrayNode());
        String type = schema.path("type").asString("object");
        List<JsonNode> wrong = new ArrayList<>();
        for (JsonNode candidate : all) {
            boolean sameType = switch (type) {
                case "string" -> candidate.isString();
                case "integer", "number" -> candidate.isNumber();
                case "boolean" -> candidate.isBoolean();
                case "array" -> candidate.isArray();
                default -> candidate.isObject();
            };
            if (!sameType) {
                wrong.add(candidate);
            }
        }
        // Two of the four, chosen by the seed: enough to cover every pair over the properties of a schema.
        List<JsonNode> chosen = new ArrayList<>();
        while (chosen.size() < 2 && !wrong.isEmpty()) {
            chosen.add(wrong.remove(random.nextInt(wrong.size())));
        }
        return chosen;
    }

    private void queryCases(ApiOperation operation, String path, Map<String, String> valid, List<FuzzCase> cases) {
        if (operation.in("query").isEmpty()) {
            return;
        }
        cases.add(FuzzCase.of(operation, "valid query", path + queryString(valid), null, false));
        for (ApiOperation.Parameter parameter : operation.in("query")) {
            String name = parameter.name();
            if (parameter.required()) {
                Map<String, String> without = new LinkedHashMap<>(valid);
                without.remove(name);
                cases.add(FuzzCase.of(operation, "missing " + name, path + queryString(without), null, true));
            }
            for (String bad : badQueryValues(parameter)) {
                Map<String, String> query = new LinkedHashMap<>(valid);
                query.put(name, bad);
                cases.add(FuzzCase.of(operation, "bad " + name + "=" + abbreviate(bad), path + queryString(query), null, true));
            }
            cases.add(FuzzCase.of(operation, "raw bad encoding in " + name, path + queryString(valid) + "&" + name + "=%zz", null, true));
            cases.add(FuzzCase.of(operation, "odd " + name, path + queryString(valid) + "&" + name + "=" + encode(pick(ODD_TEXT)),
                    null, false));
        }
        cases.add(FuzzCase.of(operation, "unknown parameter", path + queryString(valid) + "&fuzz_unknown=1", null, false));
        for (ApiOperation.Parameter parameter : operation.in("header")) {
            if (parameter.name().equals("Last-Event-ID")) {
                // Only the stream's positions come back in a header; nothing but an id the stream sent is one.
                for (String bad : List.of("not-a-position", "x".repeat(300), "MXxxOjA6MQ")) {
                    cases.add(new FuzzCase(operation, "bad header " + parameter.name() + "=" + abbreviate(bad), path + queryString(valid),
                            Map.of(parameter.name(), bad), null, true));
                }
            }
        }
    }

    private List<String> badQueryValues(ApiOperation.Parameter parameter) {
        String name = parameter.name();
        if (name.equals("from") || name.equals("till") || name.equals("date")) {
            return List.of(pick(ILLEGAL_INSTANTS), "1764597600");
        }
        if (name.equals("timezone")) {
            return List.of("Mars/Olympus_Mons", "UTC\n", "utc");
        }
        if (parameter.schema().path("type").asString("string").equals("integer")) {
            return List.of("abc", "1.5", "99999999999999999999", "-1");
        }
        int maxLength = parameter.schema().path("maxLength").asInt(-1);
        if (maxLength > 0 && !parameter.schema().has("pattern")) {
            // Free text (a type or tag filter): any printable text is legal; too long, or a control character, is not.
            // A lone surrogate cannot be sent: URL encoding turns it into '?', which is legal text.
            return List.of("x".repeat(maxLength + 1), "bell\u0007", "a\u0000b");
        }
        if (name.equals("cursor")) {
            return List.of("not-a-cursor", "MjAyNi0xMi0wMVQxNTowMDowMFp8", encodeBase64("+999999999-12-31T10:00:00Z|x"));
        }
        return List.of(pick(ILLEGAL_TEXT), "bad id!", "x".repeat(300));
    }

    private Map<String, String> validQuery(ApiOperation operation) {
        Map<String, String> query = new LinkedHashMap<>();
        for (ApiOperation.Parameter parameter : operation.in("query")) {
            if (parameter.required()) {
                query.put(parameter.name(), samples.valid(parameter.name(), parameter.schema(), random).asString());
            }
        }
        return query;
    }

    private String pathWith(ApiOperation operation, String badId) {
        String path = operation.path();
        for (ApiOperation.Parameter parameter : operation.in("path")) {
            String id = badId != null ? badId : pathIds.getOrDefault(firstSegment(operation.path()), "fuzz-unknown");
            path = path.replace("{" + parameter.name() + "}", id);
        }
        return path;
    }

    private static String firstSegment(String path) {
        String rest = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length()) : path;
        return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    }

    private static String queryString(Map<String, String> query) {
        StringBuilder text = new StringBuilder();
        query.forEach((name, value) -> text.append(text.isEmpty() ? "?" : "&").append(name).append('=').append(encode(value)));
        return text.isEmpty() ? "?" : text.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String encodeBase64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[\\p{Cntrl}\\p{Cs}]", "·");
        return printable.length() > 24 ? printable.substring(0, 24) + "…" : printable;
    }
}
