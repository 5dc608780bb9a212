package dev.almanac.query.opsfeed;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An action command-service takes on an event in its state, with the request that takes it, so a
 * client calls it as it stands: {@code method} on {@code path}, sending {@code body} (completed
 * where the action needs more, such as a reschedule's {@code new_time}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "OpsAction", description = "An action command-service accepts on this event now, and the request that takes it")
public record OpsAction(
        @Schema(description = "pause, resume, disable, enable, request_change (rules); approve_backfill_run, reschedule, "
                + "delete_missed (missed runs); reschedule, confirm, cancel (items)", example = "pause") String name,
        @Schema(example = "POST") String method,
        @Schema(description = "command-service's path", example = "/api/v1/schedules/rules/rule-nightly/pause") String path,
        @Schema(description = "The JSON body to send, where the command needs one; a reschedule adds new_time")
        @Nullable Map<String, String> body) {

    static OpsAction post(String name, String path) {
        return new OpsAction(name, "POST", path, null);
    }

    static OpsAction post(String name, String path, Map<String, String> body) {
        return new OpsAction(name, "POST", path, Map.copyOf(body));
    }
}
