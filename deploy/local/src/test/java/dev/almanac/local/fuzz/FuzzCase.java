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
                json == null ? null : utf8(json), refused);
    }

    /**
     * The JSON text as UTF-8, with any unpaired surrogate written as a JSON escape: UTF-8 cannot
     * carry one and would send {@code ?} instead, turning an illegal case into a legal one. An
     * unpaired surrogate can only be inside a string literal, where the escape means the same.
     */
    static byte[] utf8(String json) {
        StringBuilder escaped = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1));
            if (paired) {
                escaped.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return operation + " [" + description + "] " + target;
    }
}
