package dev.almanac.query.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.almanac.platform.identity.IdentityAutoConfiguration;
import dev.almanac.platform.json.AlmanacJsonAutoConfiguration;
import dev.almanac.platform.problem.ProblemDetailsAutoConfiguration;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.access.CalendarAccesses;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.access.RestrictedCalendars;
import dev.almanac.query.availability.CalendarLoad;
import dev.almanac.query.availability.ResourceAvailabilityController;
import dev.almanac.query.availability.ResourceLoad;
import dev.almanac.query.audit.AuditController;
import dev.almanac.query.audit.AuditTrail;
import dev.almanac.query.calendar.CalendarController;
import dev.almanac.query.calendar.CalendarGrantsController;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.changerequest.ChangeRequestController;
import dev.almanac.query.changes.ChangeLog;
import dev.almanac.query.changes.ChangesController;
import dev.almanac.query.changerequest.ChangeRequests;
import dev.almanac.query.config.CalendarConfigurationController;
import dev.almanac.query.config.CalendarSettingsConfiguration;
import dev.almanac.query.conflict.ConflictController;
import dev.almanac.query.conflict.ConflictDisclosures;
import dev.almanac.query.conflict.ConflictLists;
import dev.almanac.query.conflict.ConflictSuggestions;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.consistency.ConsistencyGate;
import dev.almanac.query.detail.DetailedDays;
import dev.almanac.query.detail.DetailedScheduleController;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.view.CalendarEntriesController;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.view.ScheduleEntryController;
import dev.almanac.query.entry.StartingHours;
import dev.almanac.query.limits.ReadCounters;
import dev.almanac.query.limits.ReadLimitSettings;
import dev.almanac.query.limits.StreamLeases;
import dev.almanac.query.export.CalendarExportController;
import dev.almanac.query.export.SubscriptionFeedController;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.occurrence.OccurrenceLookup;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.notification.NotificationController;
import dev.almanac.query.notification.NotificationPreferencesStore;
import dev.almanac.query.notification.NotificationSignals;
import dev.almanac.query.notification.Notifications;
import dev.almanac.query.opsfeed.OpsFeed;
import dev.almanac.query.opsfeed.OpsFeedController;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.resource.ResourceController;
import dev.almanac.query.resource.ResourceLists;
import dev.almanac.query.resource.Resources;
import dev.almanac.query.rule.RuleController;
import dev.almanac.query.rule.RuleLists;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.schedulelist.ScheduleListController;
import dev.almanac.query.schedulelist.ScheduleListing;
import dev.almanac.query.run.Runs;
import dev.almanac.query.subscription.Subscriptions;
import dev.almanac.query.view.CalendarScheduleController;
import dev.almanac.query.view.CalendarSchedules;
import dev.almanac.query.window.ScheduleWindowController;
import dev.almanac.query.window.ScheduleWindowEncoder;
import dev.almanac.query.window.ScheduleWindows;
import dev.almanac.query.window.WindowDays;
import dev.almanac.query.window.WindowRevisions;

/**
 * The HTTP slice of every controller over the real read models on in-memory mongo-java-server,
 * with the platform's JSON convention and problem details. Test data goes in through
 * {@link Projections}, as the Kafka listener would write it. One annotation, so that every HTTP
 * test class shares one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebFluxTest(controllers = {ScheduleWindowController.class, CalendarController.class, CalendarEntriesController.class,
        ScheduleEntryController.class, RuleController.class, ConflictController.class, DetailedScheduleController.class,
        CalendarConfigurationController.class, CalendarScheduleController.class, CalendarGrantsController.class, ChangeRequestController.class,
        ResourceController.class, ResourceAvailabilityController.class, CalendarExportController.class, OpsFeedController.class,
        NotificationController.class, ScheduleListController.class, ChangesController.class, AuditController.class, SubscriptionFeedController.class},
        // The tests write read models and read them back at once, without a consistency token; WindowRecheckTest covers the interval.
        properties = {"almanac.query.consistency-wait=300ms", "almanac.query.view-max-entries=20", "almanac.query.export-max-events=10", "almanac.commands.rules.max-rules-per-user=7",
                "almanac.query.window-recheck=0s",
                // Every API test reads as one user from one cached context; ReadLimitsApiTest turns the limits on.
                "almanac.query.read-limits.enabled=false"})
@Import({Calendars.class, CalendarDays.class, StartingHours.class, Entries.class, Rules.class, RuleLists.class, Runs.class, Conflicts.class,
        ConflictLists.class, WindowDays.class, WindowRevisions.class, RuleIndexes.class, RuleTimelines.class, OccurrenceLookup.class, ScheduleWindows.class, ScheduleWindowEncoder.class, DetailedDays.class, CalendarSettingsConfiguration.class,
        ConsistencyGate.class, CalendarSchedules.class, CalendarLoad.class, ConflictSuggestions.class, ConflictDisclosures.class, Projections.class, CalendarAccesses.class,
        ChangeRequests.class, Resources.class, ResourceLists.class, ResourceLoad.class, OpsFeed.class, CalendarReaders.class, RestrictedCalendars.class, Notifications.class, NotificationSignals.class, NotificationPreferencesStore.class,
        ScheduleListing.class, ReadLimitSettings.class, ReadCounters.class, StreamLeases.class, ChangeLog.class, AuditTrail.class, Subscriptions.class, QueryApiTest.ReadModels.class})
@ImportAutoConfiguration({AlmanacJsonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class, IdentityAutoConfiguration.class})
public @interface QueryApiTest {

    @TestConfiguration(proxyBeanMethods = false)
    class ReadModels {

        @Bean
        MongoDatabase readModelDatabase() {
            return InMemoryMongo.freshDatabase("query_api");
        }

        /** The service's registry, which the read limits count their refusals in. */
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /** The system's clock unless a test pins it. */
        @Bean
        TestClock clock() {
            return new TestClock();
        }
    }
}
