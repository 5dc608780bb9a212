package dev.almanac.commands.rule.change;

import java.time.Instant;

import org.axonframework.messaging.MetaData;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.rule.RuleChanged;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.identity.Caller;

/**
 * The rules a change request reads and changes, in the unit of work of the change request's own
 * command, so that a confirmation and the rule's change commit together or not at all.
 */
public interface RuleChanges {

    /**
     * The rule as it stands at {@code now}.
     *
     * @throws org.axonframework.modelling.command.AggregateNotFoundException when no rule has this id
     */
    RuleSnapshot current(RuleId ruleId, Instant now);

    /**
     * Applies {@code change} through the rule's own command ({@code UpdateRule}, {@code PauseRule} or
     * {@code ResumeRule}), which checks it as it checks any request.
     *
     * @param basedOnVersion the rule's version the change was proposed against
     * @param metaData       the confirmation's metadata: the rule's command acts as its actor, with their roles (ADR 0027)
     * @throws CommandRejectedException 409 {@code rule_changed} naming the rule when it is no longer at
     *     {@code basedOnVersion}, or the rule command's own refusal
     */
    RuleChanged apply(RuleId ruleId, long basedOnVersion, RuleChange change, @Nullable String reason, Instant now,
                      MetaData metaData);

    /**
     * Refuses {@code caller} unless they may change the rule, by the check the rule's own commands
     * make, and so a confirmation: its creator with the scheduler role on its queue, the queue's
     * manager, or an admin; anyone on a queue without grants (ADR 0062). Nothing is changed.
     *
     * @param what  the step refused, naming the rule last, for the message
     * @param aside appended to the message: what the caller may do instead, or nothing
     * @throws CommandRejectedException 403, field {@code id}, rule {@code rule_owner} (or {@code role} for a creator who lost the role)
     * @throws org.axonframework.modelling.command.AggregateNotFoundException when no rule has this id
     */
    void requireChangeableBy(RuleId ruleId, Caller caller, String what, String aside);

    /**
     * Refuses {@code caller} unless they hold a role on the rule's queue: a rule on a calendar hidden from them is answered as
     * one that does not exist (ADR 0086).
     *
     * @throws CommandRejectedException {@link CommandRejectedException.Reason#HIDDEN}, field {@code id}
     */
    void requireVisibleTo(RuleId ruleId, Caller caller, String what);
}
