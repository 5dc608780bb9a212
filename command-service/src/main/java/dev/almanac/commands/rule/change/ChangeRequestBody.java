package dev.almanac.commands.rule.change;

import java.time.Duration;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.problem.ProblemException;

/** The body of a change request: exactly one of an English {@code instruction} or a structured {@code patch}. */
record ChangeRequestBody(
        @Nullable @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit")
        String id,
        @Schema(description = "The change in English, by the grammar in the operation's description")
        @Nullable @Size(min = 1, max = 200) String instruction,
        @Nullable @Valid PatchBody patch,
        @Schema(description = "Why; a pause the change applies carries it as its reason")
        @Nullable @Size(max = 256) String reason) {

    ProposeRuleChange toCommand(RuleId ruleId, Supplier<ChangeRequestId> newId, Duration validFor) {
        if ((instruction == null) == (patch == null)) {
            throw ProblemException.invalid(instruction == null ? "instruction" : "patch", "one_of",
                    "a change request gives exactly one of instruction or patch, but " + (instruction == null ? "neither was given"
                            : "both were given"));
        }
        return new ProposeRuleChange(id == null ? newId.get() : ChangeRequestId.of(id), ruleId,
                instruction == null ? null : instruction.strip(), patch == null ? null : patch.toChange(), reason, validFor);
    }
}
