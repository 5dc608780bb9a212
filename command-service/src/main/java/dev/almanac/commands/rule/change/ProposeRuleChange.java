package dev.almanac.commands.rule.change;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.command.CreationCommand;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleId;

/**
 * Proposes a change to a rule, given as exactly one of an English {@code instruction} or a
 * {@code patch}; the proposal can be confirmed for {@code validFor} from now.
 */
public record ProposeRuleChange(
        ChangeRequestId changeRequestId,
        RuleId ruleId,
        @Nullable String instruction,
        @Nullable RuleChange patch,
        @Nullable String reason,
        Duration validFor) implements CreationCommand {

    public ProposeRuleChange {
        if ((instruction == null) == (patch == null)) {
            throw new IllegalArgumentException("a change is given as an instruction or as a patch, not both or neither");
        }
    }

    @Override
    public String aggregateId() {
        return StoreIds.changeRequest(changeRequestId);
    }

    /** The same request for the same rule: the same instruction (read when first proposed) or the same patch. */
    @Override
    public boolean isRepeatOf(Object firstEvent) {
        return firstEvent instanceof RuleChangeProposed proposed
                && proposed.ruleId().equals(ruleId)
                && Objects.equals(proposed.instruction(), instruction)
                && (instruction != null || proposed.change().equals(patch))
                && Objects.equals(proposed.reason(), reason);
    }
}
