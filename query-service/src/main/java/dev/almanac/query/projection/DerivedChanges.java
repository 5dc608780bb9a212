package dev.almanac.query.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.almanac.query.changerequest.ChangeRequest;
import dev.almanac.query.changerequest.ChangeRequests;
import dev.almanac.query.changerequest.RuleChangeRequests;
import dev.almanac.query.conflict.ConflictDay;
import dev.almanac.query.conflict.ConflictListPlacements;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.CalendarDayPlacements;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.entry.StartingHour;
import dev.almanac.query.entry.StartingHourPlacements;
import dev.almanac.query.occurrence.RuleIndex;
import dev.almanac.query.readmodel.Versioned;
import dev.almanac.query.resource.ResourceDay;
import dev.almanac.query.resource.ResourceDayPlacements;
import dev.almanac.query.resource.ResourceList;
import dev.almanac.query.resource.ResourceListPlacements;
import dev.almanac.query.resource.Resources;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.rule.RuleList;
import dev.almanac.query.rule.RuleListPlacements;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.window.WindowDayScope;

/**
 * The derived documents a batch changes, planned from every state its entities went through (the stored one first), by
 * document id: entry copies per calendar and UTC day and per UTC hour of start, item bookings per resource and UTC day,
 * conflict copies per scope and day, the rule index, the rule lists, the resource list, and each rule's open change
 * requests.
 *
 * @param ruleIndex      follows every rule version of the batch (ADR 0068); a version only grows, so applying it again
 *                       where it had landed changes nothing
 * @param ruleLists      every rule state of the batch, newest-wins per rule
 * @param changeRequests each rule's open change requests, from the state each request of the batch ended in: in the
 *                       list while proposed, out once decided
 */
record DerivedChanges(Map<String, List<UnaryOperator<CalendarDay>>> calendarDays,
                      Map<String, List<UnaryOperator<StartingHour>>> startingHours,
                      Map<String, List<UnaryOperator<ConflictDay>>> conflictDays,
                      Map<String, List<UnaryOperator<ResourceDay>>> resourceDays,
                      List<UnaryOperator<RuleIndex>> ruleIndex,
                      Map<String, List<RuleList.Placement>> ruleLists,
                      Map<String, List<ResourceList.Placement>> resourceLists,
                      Map<String, List<UnaryOperator<RuleChangeRequests>>> changeRequests) {

    static DerivedChanges of(List<EntityBatch<?>> entities) {
        DerivedChanges changes = new DerivedChanges(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                new LinkedHashMap<>(), new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        Map<String, RuleIndex.Indexed> indexed = new LinkedHashMap<>();
        for (EntityBatch<?> batch : entities) {
            if (batch.kind == Entries.KIND) {
                batch.histories().forEach(history -> {
                    CalendarDayPlacements.plan(cast(history), changes.calendarDays);
                    StartingHourPlacements.plan(cast(history), changes.startingHours);
                    ResourceDayPlacements.plan(cast(history), changes.resourceDays);
                });
            } else if (batch.kind == Conflicts.KIND) {
                batch.histories().forEach(history -> ConflictListPlacements.plan(cast(history), changes.conflictDays));
            } else if (batch.kind == Resources.KIND) {
                batch.histories().forEach(history -> ResourceListPlacements.plan(cast(history), changes.resourceLists));
            } else if (batch.kind == Rules.KIND) {
                batch.histories().forEach(history -> {
                    Rule rule = (Rule) history.get(history.size() - 1);
                    indexed.put(rule.id(), new RuleIndex.Indexed(rule.version(), rule.calendarId()));
                    RuleListPlacements.plan(cast(history), changes.ruleLists);
                });
            } else if (batch.kind == ChangeRequests.KIND) {
                batch.histories().forEach(history -> {
                    ChangeRequest request = (ChangeRequest) history.get(history.size() - 1);
                    changes.changeRequests.computeIfAbsent(request.ruleId(), rule -> new ArrayList<>()).add(rule -> rule.with(request));
                });
            }
        }
        if (!indexed.isEmpty()) {
            changes.ruleIndex.add(index -> index.withRules(indexed));
        }
        return changes;
    }

    /** The window days above the calendar days this batch changes, as {@code scope} keeps them. */
    Set<String> windowDays(WindowDayScope scope) {
        Set<String> ids = new LinkedHashSet<>();
        calendarDays.keySet().forEach(id -> {
            CalendarDay day = CalendarDay.emptyOf(id);
            ids.add(scope.idOf(day.calendarId(), day.day()));
        });
        return ids;
    }

    /** The conflict indexes above the conflict days this batch changes: one per scope. */
    Set<String> conflictScopes() {
        Set<String> scopes = new LinkedHashSet<>();
        conflictDays.keySet().forEach(id -> scopes.add(ConflictDay.emptyOf(id).scope()));
        return scopes;
    }

    @SuppressWarnings("unchecked")
    private static <S> List<S> cast(List<? extends Versioned> history) {
        return (List<S>) history;
    }
}
