package dev.almanac.commands.rule;

import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.platform.identity.Caller;

/**
 * A new rule's preview (UI-RULE-PREVIEW): checked as its creation is, by {@link Rule}'s own rules (a schedule that
 * runs, a queue that exists, is active and where the caller is a scheduler, resources that exist), so a preview is
 * refused with the same problem as the creation; then its next occurrences. Nothing is applied or stored. The limit
 * of rules per user is not checked: a preview takes no place.
 */
@Component
class RulePreviews {

    private final Calendars calendars;
    private final KnownResources resources;

    RulePreviews(Calendars calendars, KnownResources resources) {
        this.calendars = calendars;
        this.resources = resources;
    }

    @CommandHandler
    public RulePreview handle(PreviewRule command, Caller caller) {
        RuleDefinition definition = command.rule().definition();
        Rule.requireRunnable(definition, calendars, resources, caller);
        return RulePreview.of(command.rule().ruleId(), definition, command.rule().requestedAt(), command.count());
    }
}
