package dev.almanac.commands.rule.change;

import java.time.Instant;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.rule.PauseRule;
import dev.almanac.commands.rule.ResumeRule;
import dev.almanac.commands.rule.Rule;
import dev.almanac.commands.rule.RuleChanged;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.identity.Caller;

/**
 * Rules loaded through Axon's repository, in the current unit of work: the rule is locked until it
 * commits, and its command's events are appended in the same transaction as the change request's.
 * The version checked is the one in the event store, which a stale copy cannot hide: its append
 * would fail, and the dispatcher's retry reloads it.
 */
@Component
class RepositoryRuleChanges implements RuleChanges {

    private final Repository<Rule> rules;
    private final Calendars calendars;

    RepositoryRuleChanges(Repository<Rule> rules, Calendars calendars) {
        this.rules = rules;
        this.calendars = calendars;
    }

    @Override
    public RuleSnapshot current(RuleId ruleId, Instant now) {
        Aggregate<Rule> rule = rules.load(StoreIds.rule(ruleId));
        RuleSnapshot snapshot = rule.invoke(root -> root.snapshot(now));
        return new RuleSnapshot(snapshot.ruleId(), rule.version(), snapshot.definition(), snapshot.status(), snapshot.resumeAfter(),
                snapshot.deleted(), snapshot.exceptions());
    }

    @Override
    public RuleChanged apply(RuleId ruleId, long basedOnVersion, RuleChange change, @Nullable String reason, Instant now,
                             MetaData metaData) {
        Aggregate<Rule> rule = rules.load(StoreIds.rule(ruleId));
        if (rule.version() == null || rule.version() != basedOnVersion) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "rule_changed",
                    "rule " + ruleId + " has changed since this change was proposed (it is at version " + rule.version()
                            + ", the proposal at " + basedOnVersion + "); propose the change again");
        }
        Object command = switch (change.action()) {
            case UPDATE -> RuleChangePreview.updated(rule.invoke(root -> root.snapshot(now)).definition(), change).toUpdate(ruleId);
            case PAUSE -> new PauseRule(ruleId, change.resumeAfter(), reason, null);
            case RESUME -> new ResumeRule(ruleId, null);
        };
        try {
            // The whole metadata, not only what correlation copies: the rule checks the actor's roles, admin included.
            return (RuleChanged) rule.handle(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("rule " + ruleId + " could not take " + command, e);
        }
    }

    @Override
    public void requireVisibleTo(RuleId ruleId, Caller caller, String what) {
        rules.load(StoreIds.rule(ruleId)).execute(root -> root.requireVisibleTo(calendars, caller, what));
    }

    @Override
    public void requireChangeableBy(RuleId ruleId, Caller caller, String what, String aside) {
        rules.load(StoreIds.rule(ruleId)).execute(root -> root.requireChangeableBy(calendars, caller, what, aside));
    }
}
