package dev.almanac.commands.rule;

import java.time.ZoneId;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.rule.RuleId;

/**
 * Reminds {@code userId} {@code minutesBefore} minutes before each occurrence of the rule (seed 004, ADR 0079), shown in
 * {@code timezone} (the rule's when null).
 */
public record SetRuleReminder(
        RuleId ruleId,
        ReminderId reminderId,
        UserId userId,
        int minutesBefore,
        @Nullable ZoneId timezone,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.rule(ruleId);
    }
}
