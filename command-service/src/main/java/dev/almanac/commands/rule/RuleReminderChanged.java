package dev.almanac.commands.rule;

import java.time.ZoneId;

import dev.almanac.events.UserId;

/** What a rule reminder command left: the reminder, the rule's version, and whether it changed anything. */
public record RuleReminderChanged(UserId userId, int minutesBefore, ZoneId timezone, boolean changed, long version) {
}
