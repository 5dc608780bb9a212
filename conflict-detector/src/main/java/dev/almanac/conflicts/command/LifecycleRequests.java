package dev.almanac.conflicts.command;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.conflict.ResolutionMethod;

/** The bodies of the lifecycle commands (SCH-LIFECYCLE: resolve with a method, escalate to someone, dismiss). */
final class LifecycleRequests {

    static final int MAX_TEXT = 1000;
    static final int MAX_NAME = 256;

    private LifecycleRequests() {
    }

    @Schema(name = "ResolveConflictRequest")
    record Resolve(
            @Schema(description = "How the conflict was resolved") @NotNull ResolutionMethod method,
            @Schema(description = "What was done; required with override_applied (SCH-024)", maxLength = MAX_TEXT)
            @Nullable @Size(max = MAX_TEXT) String note) {
    }

    @Schema(name = "EscalateConflictRequest")
    record Escalate(
            @Schema(description = "Who the conflict is handed to: a person or a role", maxLength = MAX_NAME)
            @NotBlank @Size(max = MAX_NAME) String escalatedTo,
            @Schema(description = "Why it is escalated", maxLength = MAX_TEXT) @NotBlank @Size(max = MAX_TEXT) String reason) {
    }

    @Schema(name = "DismissConflictRequest")
    record Dismiss(
            @Schema(description = "Why the conflict needs no action", maxLength = MAX_TEXT) @NotBlank @Size(max = MAX_TEXT) String reason) {
    }
}
