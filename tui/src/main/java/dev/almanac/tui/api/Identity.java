package dev.almanac.tui.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Who is acting: a bearer token (JWT mode), else the development mode's X-Almanac-User and X-Almanac-Roles (ADR 0027),
 * else nothing, which the local stack takes as its admin.
 */
public record Identity(@Nullable String token, @Nullable String user, @Nullable String roles) {

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null && !token.isBlank()) {
            headers.put("Authorization", "Bearer " + token.trim());
            return headers;
        }
        if (user != null && !user.isBlank()) {
            headers.put("X-Almanac-User", user.trim());
        }
        if (roles != null && !roles.isBlank()) {
            headers.put("X-Almanac-Roles", roles.trim());
        }
        return headers;
    }
}
