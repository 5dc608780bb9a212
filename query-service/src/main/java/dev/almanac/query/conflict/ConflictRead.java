package dev.almanac.query.conflict;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.almanac.query.action.Action;

/**
 * A conflict as one caller reads it: what they may see of it, and the lifecycle commands they may send on it now
 * ({@link ConflictActions}). The actions are the caller's, so the answer varies by caller (ADR 0060).
 */
public record ConflictRead(
        @JsonUnwrapped ConflictView conflict,
        @Schema(description = """
                What the caller may do to the conflict now, with the request to send: resolve, escalate (only a \
                detected conflict) and dismiss, while it is detected or escalated, for whoever manages it (a manager of \
                its calendar; of a calendar booking its resource; of either calendar of an orphaned link; or an admin). \
                Empty for everyone else and for a resolved, dismissed or cleared conflict. The body, which the client \
                completes, is method and note, escalated_to and reason, or reason; If-Match is the conflict's version.""")
        List<Action> actions) {

    public ConflictRead {
        actions = List.copyOf(actions);
    }
}
