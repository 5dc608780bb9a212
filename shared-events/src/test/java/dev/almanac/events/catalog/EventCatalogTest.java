package dev.almanac.events.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.almanac.events.occurrence.OccurrenceRetracted;

import dev.almanac.events.occurrence.OccurrenceMissed;

import dev.almanac.events.occurrence.OccurrenceMaterialized;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;

class EventCatalogTest {

    @Test
    void everyEventTypeHasASchemaOnTheClasspath() {
        for (EventType type : EventCatalog.all()) {
            assertThat(EventCatalog.class.getResource(type.schemaResource()))
                    .as("schema for %s", type.ceType())
                    .isNotNull();
        }
    }

    @Test
    void everyTopicsSealedInterfacePermitsExactlyTheCataloguedTypesOfThatTopic() {
        for (TopicContract contract : EventCatalog.topics()) {
            assertThat(contract.events().isSealed()).as("%s is sealed", contract.events().getSimpleName()).isTrue();
            if (contract.topic().equals(Topics.MISSED_RUNS)) {
                continue;
            }
            assertThat(Set.of(contract.events().getPermittedSubclasses()))
                    .as("the types of %s", contract.topic())
                    .isEqualTo(EventCatalog.onTopic(contract.topic()).stream().map(EventType::javaType).collect(Collectors.toSet()));
        }
    }

    @Test
    void everyTypeTravelsOnACataloguedTopicAndImplementsThatTopicsInterface() {
        for (EventType type : EventCatalog.all()) {
            TopicContract contract = EventCatalog.topic(type.topic()).orElseThrow(
                    () -> new AssertionError(type.ceType() + " travels on " + type.topic() + ", which has no contract"));
            assertThat(contract.events()).as(type.ceType()).isAssignableFrom(type.javaType());
            assertThat(EventCatalog.topics().stream().filter(other -> other.events().isAssignableFrom(type.javaType()))
                    .filter(other -> !other.topic().equals(Topics.MISSED_RUNS)))
                    .as("%s belongs to one topic only, and may be copied to another", type.ceType()).hasSize(1);
        }
    }

    @Test
    void theMissedRunsTopicCarriesCopiesOfTheOccurrenceRecordsThatTheRulesDoNotDetermine() {
        assertThat(EventCatalog.onTopic(Topics.MISSED_RUNS)).extracting(EventType::javaType)
                .containsExactly(OccurrenceMaterialized.class, OccurrenceMissed.class);
        assertThat(EventCatalog.onTopic(Topics.MISSED_RUNS)).allSatisfy(type -> assertThat(type.topic()).isEqualTo(Topics.OCCURRENCES));

        OccurrenceMaterialized inSeries = EventSamples.occurrenceMaterialized();
        assertThat(inSeries.backfillOf()).isNull();
        assertThat(EventCatalog.copyTopicOf(inSeries)).as("an occurrence in series").isEmpty();
        assertThat(EventCatalog.copyTopicOf(EventSamples.occurrenceRetracted())).as("a withdrawal").isEmpty();
        assertThat(EventCatalog.copyTopicOf(EventSamples.occurrenceMissed())).contains(Topics.MISSED_RUNS);
        OccurrenceMaterialized backfill = EventSamples.backfillRun();
        assertThat(EventCatalog.copyTopicOf(backfill)).as("a backfill run").contains(Topics.MISSED_RUNS);
        assertThat(EventCatalog.copyTopicOf(EventSamples.itemScheduled())).isEmpty();
        assertThat(EventCatalog.carries(Topics.MISSED_RUNS, EventCatalog.of(OccurrenceRetracted.class))).isFalse();
        assertThat(EventCatalog.carries(Topics.SCHEDULE, EventCatalog.of(OccurrenceMissed.class))).isFalse();
    }

    @Test
    void listsEachTypeOnceWithAUniqueCeType() {
        assertThat(EventCatalog.all().stream().map(EventType::javaType)).doesNotHaveDuplicates();
        assertThat(EventCatalog.all().stream().map(EventType::ceType)).doesNotHaveDuplicates();
        assertThat(EventCatalog.topics().stream().map(TopicContract::topic)).doesNotHaveDuplicates();
    }

    @Test
    void everyTopicHasAContract() {
        assertThat(EventCatalog.topics().stream().map(TopicContract::topic)).containsExactlyElementsOf(Topics.ALL);
    }

    @Test
    void samplesCoverEveryEventTypeExactlyOnce() {
        Set<Class<?>> sampled = EventSamples.all().stream().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> catalogued = EventCatalog.all().stream().map(EventType::javaType).collect(Collectors.toSet());

        assertThat(sampled).isEqualTo(catalogued);
        assertThat(EventSamples.all()).hasSameSizeAs(EventCatalog.all());
    }

    @Test
    void ceTypesFollowTheDomainNameVersionPattern() {
        assertThat(EventCatalog.of(EventSamples.itemRescheduled()).ceType())
                .isEqualTo("dev.almanac.schedule.ItemRescheduled.v1");
        assertThat(EventCatalog.of(EventSamples.itemRescheduled()).topic()).isEqualTo(Topics.SCHEDULE);
        assertThat(EventCatalog.byCeType("dev.almanac.schedule.ItemRescheduled.v1")).isPresent();
        assertThat(EventCatalog.byCeType("dev.almanac.schedule.ItemRescheduled.v9")).isEmpty();
    }

    @Test
    void eventsAreKeyedByCalendarExceptRulesAndResourcesWhichAreKeyedByTheirOwnId() {
        assertThat(EventSamples.itemScheduled().partitionKey()).isEqualTo(EventSamples.BALLROOM.value());
        assertThat(EventSamples.itemScheduled().subject()).isEqualTo(EventSamples.REVIEW.value());
        assertThat(EventSamples.ruleCreated().partitionKey()).isEqualTo(EventSamples.NIGHTLY.value());
        assertThat(EventSamples.conflictDetected().partitionKey()).isEqualTo(EventSamples.BALLROOM.value());
        assertThat(EventSamples.resourceMarkedAvailable().partitionKey()).isEqualTo(EventSamples.PROJECTOR.value());
        assertThat(EventSamples.resourceMarkedAvailable().subject()).isEqualTo(EventSamples.PROJECTOR.value());
        assertThat(EventCatalog.of(EventSamples.resourceCreated()).ceType()).isEqualTo("dev.almanac.resource.ResourceCreated.v1");
        assertThat(EventCatalog.of(EventSamples.resourceCreated()).topic()).isEqualTo(Topics.CALENDARS);
    }

    @Test
    void refusesAClassOutsideTheCatalogue() {
        AlmanacEvent stranger = new AlmanacEvent() {
            @Override
            public String partitionKey() {
                return "k";
            }

            @Override
            public String subject() {
                return "s";
            }
        };
        assertThatThrownBy(() -> EventCatalog.of(stranger)).hasMessageContaining("not in the event catalogue");
    }
}
