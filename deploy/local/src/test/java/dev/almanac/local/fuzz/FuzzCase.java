package dev.almanac.local.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One hostile request.
 *
 * @param refused whether every correct service must refuse it with a 4xx; when false it may be
 *                accepted (odd but legal content), but must still never be a 5xx
 */
record FuzzCase(ApiOperation operation, String description, String target, Map<String, String> headers, byte[] body,
                boolean refused) {

    static FuzzCase of(ApiOperation operation, String description, String target, String json, boolean refused) {
        return new FuzzCase(operation, description, target, json == null ? Map.of() : Map.of("Content-Type", "application/json"),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), refused);
    }

    @Override
    public String toString() {
        return operation + " [" + description + "] " + target;
    }
}
