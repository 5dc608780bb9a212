package dev.almanac.query.projection;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;

import dev.almanac.query.access.CalendarAccesses;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.changerequest.ChangeRequests;
import dev.almanac.query.changerequest.RuleChangeRequests;
import dev.almanac.query.changerequest.RuleChangeRequestsCodec;
import dev.almanac.query.conflict.ConflictDay;
import dev.almanac.query.conflict.ConflictDayCodec;
import dev.almanac.query.conflict.ConflictIndex;
import dev.almanac.query.conflict.ConflictIndexCodec;
import dev.almanac.query.conflict.ConflictLists;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.entry.StartingHour;
import dev.almanac.query.entry.StartingHourCodec;
import dev.almanac.query.entry.StartingHours;
import dev.almanac.query.occurrence.RuleIndex;
import dev.almanac.query.occurrence.RuleIndexCodec;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.readmodel.Blocking;
import dev.almanac.query.readmodel.DocumentStore;
import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.Versioned;
import dev.almanac.query.resource.ResourceDay;
import dev.almanac.query.resource.ResourceDayCodec;
import dev.almanac.query.resource.ResourceDays;
import dev.almanac.query.resource.ResourceList;
import dev.almanac.query.resource.ResourceListCodec;
import dev.almanac.query.resource.ResourceLists;
import dev.almanac.query.resource.Resources;
import dev.almanac.query.rule.RuleList;
import dev.almanac.query.rule.RuleListCodec;
import dev.almanac.query.rule.RuleLists;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.run.Runs;
import dev.almanac.query.window.WindowDay;
import dev.almanac.query.window.WindowDayCodec;
import dev.almanac.query.window.WindowDayScope;
import dev.almanac.query.window.WindowDays;
import dev.almanac.query.window.WindowRevisions;

/** The document store of every read model the projection writes, each with its codec. */
final class ReadModelStores {

    /** Every entity kind a projector changes. */
    static final List<EntityKind<?>> ENTITIES = List.of(Entries.KIND, Calendars.KIND, Rules.KIND, Conflicts.KIND,
            Runs.KIND, Runs.LATEST_BY_ENTRY, Runs.MISSED, Runs.DISPATCHES, Runs.HEARTBEATS, CalendarAccesses.KIND, ChangeRequests.KIND,
            Resources.KIND);

    final DocumentStore<CalendarDay> calendarDays;
    final DocumentStore<StartingHour> startingHours;
    final DocumentStore<WindowDay> windowDays;
    final WindowDayScope windowDayScope;
    final DocumentStore<ConflictDay> conflictDays;
    final DocumentStore<ConflictIndex> conflictIndex;
    final DocumentStore<RuleIndex> ruleIndex;
    final DocumentStore<RuleList> ruleLists;
    final DocumentStore<RuleChangeRequests> ruleChangeRequests;
    final DocumentStore<ResourceDay> resourceDays;
    final DocumentStore<ResourceList> resourceLists;
    private final WindowRevisions windowRevisions;
    private final MongoDatabase database;
    private final Duration timeout;

    ReadModelStores(MongoDatabase database, Duration timeout) {
        this(database, timeout, WindowDayScope.EVERY_CALENDAR);
    }

    /** @param windowDayScope which window days count a calendar's day: every calendar's, or in multi-tenant mode its tenant's */
    ReadModelStores(MongoDatabase database, Duration timeout, WindowDayScope windowDayScope) {
        this.database = database;
        this.windowDayScope = windowDayScope;
        this.timeout = timeout;
        this.calendarDays = new DocumentStore<>(database, CalendarDays.COLLECTION, new CalendarDayCodec(), timeout);
        this.startingHours = new DocumentStore<>(database, StartingHours.COLLECTION, new StartingHourCodec(), timeout);
        this.windowDays = new DocumentStore<>(database, WindowDays.COLLECTION, new WindowDayCodec(), timeout);
        this.conflictDays = new DocumentStore<>(database, ConflictLists.DAYS, new ConflictDayCodec(), timeout);
        this.conflictIndex = new DocumentStore<>(database, ConflictLists.INDEX, new ConflictIndexCodec(), timeout);
        this.ruleIndex = new DocumentStore<>(database, RuleIndexes.COLLECTION, new RuleIndexCodec(), timeout);
        this.ruleLists = new DocumentStore<>(database, RuleLists.COLLECTION, new RuleListCodec(), timeout);
        this.ruleChangeRequests = new DocumentStore<>(database, ChangeRequests.BY_RULE, new RuleChangeRequestsCodec(), timeout);
        this.resourceDays = new DocumentStore<>(database, ResourceDays.COLLECTION, new ResourceDayCodec(), timeout);
        this.resourceLists = new DocumentStore<>(database, ResourceLists.COLLECTION, new ResourceListCodec(), timeout);
        this.windowRevisions = new WindowRevisions(database);
    }

    /**
     * Gives all calendars' windows and those of these calendars a new revision, logged with the days the batch meant to
     * change ({@link WindowRevisions#changed}).
     */
    void windowsChanged(Map<String, ? extends Collection<LocalDate>> daysByCalendar) {
        Blocking.await(windowRevisions.changed(daysByCalendar), timeout);
    }

    <S extends Versioned> DocumentStore<S> of(EntityKind<S> kind) {
        return new DocumentStore<>(database, kind.collection(), kind.codec(), timeout);
    }
}
