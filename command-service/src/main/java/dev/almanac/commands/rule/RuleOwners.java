package dev.almanac.commands.rule;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleId;

/**
 * The limit of rules per user (F033-LIMIT-RULES; {@code max_rules_per_user}, default 50): {@code rule_owner}
 * holds who created each rule that is not deleted. Its processing group is subscribing (see
 * application.yml), so a creation and its row commit together; a creation first takes its user's
 * advisory lock, so two concurrent creations cannot both take the last place.
 */
@Component
@ProcessingGroup(RuleOwners.PROCESSING_GROUP)
public class RuleOwners {

    static final String PROCESSING_GROUP = "rule-owners";

    private final JdbcTemplate jdbc;
    private final int maxRulesPerUser;

    RuleOwners(JdbcTemplate jdbc, @Value("${almanac.commands.rules.max-rules-per-user:50}") int maxRulesPerUser) {
        this.jdbc = jdbc;
        this.maxRulesPerUser = maxRulesPerUser;
    }

    /**
     * Refuses a new rule when {@code owner} already has the most rules allowed; a repeat of a creation
     * that was stored is not a new rule.
     *
     * @throws CommandRejectedException 409, rule {@code max_rules_per_user}
     */
    public void requirePlaceFor(RuleId ruleId, String owner) {
        requirePlaceFor(ruleId, owner, ruleId);
    }

    /**
     * As {@link #requirePlaceFor(RuleId, String)}, for a rule that takes {@code replaced}'s series
     * over: the replaced rule, ended in the same unit of work, is not counted (its place is freed
     * when its end is stored).
     */
    public void requirePlaceFor(RuleId ruleId, String owner, RuleId replaced) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "rule-owner:" + owner);
        Integer owned = jdbc.queryForObject("SELECT count(*) FROM rule_owner WHERE owner = ? AND rule_id <> ? AND rule_id <> ?",
                Integer.class, owner, ruleId.value(), replaced.value());
        if (owned != null && owned >= maxRulesPerUser) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "body", "max_rules_per_user",
                    "user " + owner + " already has " + owned + " rules, the most allowed (max_rules_per_user " + maxRulesPerUser
                            + "); delete one to create rule " + ruleId);
        }
    }

    @EventHandler
    void on(RuleCreated created, @MetaDataValue(CommandMetadata.ACTOR) String actor) {
        jdbc.update("INSERT INTO rule_owner (rule_id, owner) VALUES (?, ?) ON CONFLICT (rule_id) DO NOTHING",
                created.ruleId().value(), actor);
    }

    /** A deleted rule frees its place; a disabled or paused one keeps it. */
    @EventHandler
    void on(RuleDeleted deleted) {
        jdbc.update("DELETE FROM rule_owner WHERE rule_id = ?", deleted.ruleId().value());
    }

    /** A rule whose series was handed over to another ("this and following") frees its place, as a deleted one does. */
    @EventHandler
    void on(RuleEnded ended) {
        jdbc.update("DELETE FROM rule_owner WHERE rule_id = ?", ended.ruleId().value());
    }
}
