package dev.almanac.commands.rule;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.platform.identity.Caller;

/**
 * "This and following" as one decision: the old rule's series ends at the chosen occurrence
 * ({@link EndSeries}) and the new rule is created to continue it, both in this one unit of work, so
 * their events commit in one transaction or not at all; a refusal of either (or a new id that is
 * taken) rolls both back. Guarded by the old rule's version, checked after loading it, as the bulk
 * reschedule checks each item's. The new rule is active from the occurrence's recurrence id (or
 * from now, should that lie a jitter's length behind), so the old series keeps exactly what resolves
 * before it and the new one has only what resolves from there: nothing is counted twice at the seam.
 */
@Component
class RuleSplitter {

    private final Repository<Rule> rules;
    private final Calendars calendars;
    private final KnownResources resources;
    private final RuleOwners owners;
    private final Clock clock;

    RuleSplitter(Repository<Rule> rules, Calendars calendars, KnownResources resources, RuleOwners owners, Clock clock) {
        this.rules = rules;
        this.calendars = calendars;
        this.resources = resources;
        this.owners = owners;
        this.clock = clock;
    }

    @CommandHandler
    public RuleSplit handle(SplitRule command, Caller caller, MetaData metaData) throws Exception {
        String storeId = StoreIds.rule(command.ruleId());
        Aggregate<Rule> old = rules.load(storeId);
        Long loadedAt = old.version();
        CreateRule requested = command.successor();
        requireFree(requested);
        // With the split's metadata, so that the old rule checks the same caller's role on its queue.
        Instant endsAt = (Instant) old.handle(GenericCommandMessage.asCommandMessage(
                new EndSeries(command.ruleId(), command.occurrence(), requested.ruleId())).andMetaData(metaData));
        // If-Match once the caller's role was decided, so that it tells nothing to one without it (ADR 0086).
        if (command.expectedVersion() != null && !command.expectedVersion().equals(loadedAt)) {
            throw new ConflictingAggregateVersionException(storeId, command.expectedVersion(), loadedAt);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CreateRule successor = requested.activeFrom(endsAt.isAfter(now) ? endsAt : now);
        rules.newInstance(() -> Rule.continuing(successor, calendars, resources, owners, caller, command.ruleId()));
        return new RuleSplit(successor, endsAt, old.version());
    }

    /** A taken id is refused before anything is applied; a creation racing this one still fails the commit (409 concurrent_change). */
    private void requireFree(CreateRule successor) {
        try {
            rules.load(successor.aggregateId());
        } catch (AggregateNotFoundException free) {
            return;
        }
        throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "unique",
                "rule " + successor.ruleId() + " exists already; give the new rule another id, or none");
    }

    /** What a split did: the rule created, where the old series ends, and the old rule's new version. */
    record RuleSplit(CreateRule successor, Instant endsAt, Long endedVersion) {
    }
}
