package dev.almanac.commands.idempotency;

import java.util.List;
import java.util.Map;

/** The first response to a key, as it is answered again: status, the headers that matter to a client, and the body. */
record StoredResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** The response headers kept with it; the others (Date, Content-Length, …) belong to each transmission. */
    static final List<String> KEPT_HEADERS = List.of("Content-Type", "ETag", "Location", "Almanac-Consistency-Token", "Retry-After");

    StoredResponse {
        headers = Map.copyOf(headers);
    }
}
