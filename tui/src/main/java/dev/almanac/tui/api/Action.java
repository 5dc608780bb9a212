package dev.almanac.tui.api;

import java.util.Map;

/** A command an ops event offers: sent as it stands, {@code method} on {@code path} with {@code body} completed. */
public record Action(String name, String method, String path, Map<String, String> body) {

    public Action {
        body = Map.copyOf(body);
    }
}
