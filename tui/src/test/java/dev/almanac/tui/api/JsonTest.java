package dev.almanac.tui.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsObjectsArraysStringsNumbersAndLiterals() {
        Map<String, Object> tree = Json.object(Json.parse("""
                {"title":"Caf\\u00e9 \\"review\\"\\n","count":3,"score":0.25,"big":1e3,"ok":true,"none":null,
                 "list":[1,{"a":[]},"x"],"empty":{}}"""));
        assertThat(Json.string(tree.get("title"), "")).isEqualTo("Café \"review\"\n");
        assertThat(Json.number(tree.get("count"), 0)).isEqualTo(3);
        assertThat(Json.decimal(tree.get("score"), 0)).isEqualTo(0.25);
        assertThat(Json.decimal(tree.get("big"), 0)).isEqualTo(1000.0);
        assertThat(Json.bool(tree.get("ok"), false)).isTrue();
        assertThat(tree).containsKey("none");
        assertThat(tree.get("none")).isNull();
        assertThat(Json.array(tree.get("list"))).hasSize(3);
        assertThat(Json.object(tree.get("empty"))).isEmpty();
    }

    @Test
    void keepsWideAndRightToLeftTextAsItIs() {
        assertThat(Json.string(Json.parse("\"会議 اجتماع 📅\""), "")).isEqualTo("会議 اجتماع 📅");
    }

    @Test
    void writesAFlatObjectWithEscapes() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("new_time", "2026-12-01T16:00:00Z");
        body.put("reason", "a \"quoted\"\\path\nline\u0001");
        String written = Json.write(body);
        assertThat(written).isEqualTo("{\"new_time\":\"2026-12-01T16:00:00Z\",\"reason\":\"a \\\"quoted\\\"\\\\path\\nline\\u0001\"}");
        assertThat(Json.object(Json.parse(written))).isEqualTo(Map.copyOf(body));
    }

    @Test
    void refusesBrokenText() {
        for (String broken : List.of("{", "{\"a\" 1}", "[1,]", "tru", "\"open", "{} x")) {
            assertThatThrownBy(() -> Json.parse(broken)).as(broken).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
