package dev.almanac.commands.item;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.platform.problem.ProblemException;

/**
 * {@code "override": {"reason": "…"}} on a schedule or reschedule: a manager admits the item past the
 * capacity of a calendar that blocks overbooking (SCH-021), saying why (SCH-024). The event records it
 * when it was needed (SCH-025).
 */
@Schema(description = "A manager's override of a calendar that blocks overbooking (SCH-021); the reason is required (SCH-024)")
record OverrideRequest(@Nullable @Size(max = 500) String reason) {

    /** @throws ProblemException 400, rule SCH-024, when the override does not say why */
    String requiredReason() {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("override.reason", "SCH-024", "an overbooking override must include a reason (SCH-024)");
        }
        return reason.strip();
    }

    static @Nullable String reasonOf(@Nullable OverrideRequest override) {
        return override == null ? null : override.requiredReason();
    }
}
