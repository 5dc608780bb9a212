package dev.almanac.query.action;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;

/**
 * A command the caller may send now on what a read shows, with the request that sends it, so a client calls it as it
 * stands: {@code method} on {@code path}, sending {@code body} (completed where the command needs more, such as a
 * reschedule's {@code new_time} or a dismissal's {@code reason}). Offered only where the command would be refused
 * neither for the state the read saw nor for the caller's role.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Action", description = "A command the caller may send now, and the request that sends it")
public record Action(
        @Schema(description = "run_now, skip_next, pause, resume, disable, enable, request_change (rules); approve_backfill_run, reschedule, "
                + "delete_missed (missed runs); reschedule, confirm, cancel (items); resolve, escalate, dismiss (conflicts)",
                example = "pause") String name,
        @Schema(example = "POST") String method,
        @Schema(description = "The command's path", example = "/api/v1/schedules/rules/rule-nightly/pause") String path,
        @Schema(description = "The JSON body to send, where the command needs one; the client adds what the user chooses "
                + "(a reschedule's new_time, a resolution's method, a reason)")
        @Nullable Map<String, String> body) {

    public static Action post(String name, String path) {
        return new Action(name, "POST", path, null);
    }

    public static Action post(String name, String path, Map<String, String> body) {
        return new Action(name, "POST", path, Map.copyOf(body));
    }

    /** An id as one path segment: ids may hold characters a path does not take as they are. */
    public static String segment(String id) {
        return UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    }
}
