package dev.almanac.commands.support;

import java.nio.charset.StandardCharsets;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An answer's body as the access tests compare two of them: one for an id the caller may not know, one for an unknown id. */
public final class Answers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Answers() {
    }

    /** The body as a JSON tree, so that two answers compare whatever order their fields were written in. */
    public static Object json(String body) {
        return body.isEmpty() ? body : JSON.readTree(body);
    }

    public static JsonNode tree(EntityExchangeResult<byte[]> result) {
        return JSON.readTree(text(result));
    }

    public static String text(EntityExchangeResult<byte[]> result) {
        byte[] body = result.getResponseBodyContent();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
