package dev.almanac.commands.resource;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.calendar.UngrantedCalendars;

class ResourceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final ResourceId PROJECTOR = ResourceId.of("res-projector");
    private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant DEC_2 = Instant.parse("2026-12-02T00:00:00Z");
    private static final Instant DEC_3 = Instant.parse("2026-12-03T00:00:00Z");
    private static final Instant DEC_4 = Instant.parse("2026-12-04T00:00:00Z");

    private FixtureConfiguration<Resource> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Resource.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ResourceCreated created() {
        return new ResourceCreated(PROJECTOR, "Ceiling projector", ResourceType.EQUIPMENT, ZoneId.of("America/New_York"), null);
    }

    private static ResourceMarkedUnavailable repair() {
        return new ResourceMarkedUnavailable(PROJECTOR, DEC_1, DEC_4, "Sent for repair");
    }

    private static MarkResourceUnavailable unavailable(Instant start, Instant end, String reason) {
        return new MarkResourceUnavailable(PROJECTOR, start, end, reason, null);
    }

    private static MarkResourceAvailable available(Instant start, Instant end) {
        return new MarkResourceAvailable(PROJECTOR, start, end, "Loan unit", null);
    }

    @Test
    void aResourceIsCreatedAvailableThroughout() {
        fixture.givenNoPriorActivity()
                .when(new CreateResource(PROJECTOR, "Ceiling projector", ResourceType.EQUIPMENT, ZoneId.of("America/New_York"), null))
                .expectEvents(created());
    }

    /**
     * ADR 0103: denied by default, the resource's creator or an admin changes its availability; anyone else is refused (403,
     * rule resource_owner) and nothing is stored.
     */
    @Test
    void onlyItsCreatorOrAnAdminChangesAResourcesAvailability() {
        DomainEventMessage<?> createdBySam = new GenericDomainEventMessage<>("Resource", "resource:" + PROJECTOR, 0, created(),
                MetaData.with(CommandMetadata.ACTOR, "sam"));

        fixture.given(List.of(createdBySam))
                .when(unavailable(DEC_1, DEC_4, "Sent for repair"), deniedByDefault("bob", false))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(allOf(containsString("resource res-projector"), containsString("its creator, sam,"),
                        containsString("bob is neither")));
        fixture.given(List.of(createdBySam))
                .when(available(DEC_1, DEC_2), deniedByDefault("bob", false))
                .expectException(CommandRejectedException.class);
        fixture.given(List.of(createdBySam))
                .when(unavailable(DEC_1, DEC_4, "Sent for repair"), deniedByDefault("sam", false))
                .expectEvents(repair());
        fixture.given(List.of(createdBySam))
                .when(unavailable(DEC_1, DEC_4, "Sent for repair"), deniedByDefault("ada", true))
                .expectEvents(repair());
    }

    private static Map<String, Object> deniedByDefault(String actor, boolean admin) {
        return Map.of(CommandMetadata.ACTOR, actor, CommandMetadata.ACTOR_ADMIN, admin,
                CommandMetadata.ACTOR_UNGRANTED, UngrantedCalendars.CLOSED.name());
    }

    @Test
    void aResourceIsMarkedUnavailableOverARange() {
        fixture.given(created())
                .when(unavailable(DEC_1, DEC_4, "Sent for repair"))
                .expectEvents(repair())
                .expectResultMessagePayload(1L);
    }

    @Test
    void aRangeThatOverlapsOneAlreadyMarkedIsRefusedNamingIt() {
        fixture.given(created(), repair())
                .when(unavailable(DEC_3, DEC_4.plusSeconds(3600), "Conference"))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(allOf(
                        containsString("from 2026-12-01T00:00:00Z to 2026-12-04T00:00:00Z (Sent for repair)"),
                        containsString("may not overlap")));
    }

    @Test
    void aRangeInsideOneAlreadyMarkedOverlapsItToo() {
        fixture.given(created(), repair())
                .when(unavailable(DEC_2, DEC_3, "Sent for repair"))
                .expectException(CommandRejectedException.class);
    }

    @Test
    void aRangeOverAnEarlierOneThatReachesIntoItOverlapsIt() {
        fixture.given(created(), new ResourceMarkedUnavailable(PROJECTOR, DEC_2, DEC_3, null))
                .when(unavailable(DEC_1, DEC_4, "Sent for repair"))
                .expectException(CommandRejectedException.class);
    }

    @Test
    void rangesThatOnlyTouchDoNotOverlap() {
        fixture.given(created(), repair())
                .when(unavailable(DEC_4, DEC_4.plusSeconds(3600), "Conference"))
                .expectEvents(new ResourceMarkedUnavailable(PROJECTOR, DEC_4, DEC_4.plusSeconds(3600), "Conference"));
        fixture.given(created(), repair())
                .when(unavailable(DEC_1.minusSeconds(3600), DEC_1, "Set-up"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ResourceMarkedUnavailable(PROJECTOR, DEC_1.minusSeconds(3600), DEC_1, "Set-up"));
    }

    @Test
    void markingTheSameRangeForTheSameReasonAgainChangesNothing() {
        fixture.given(created(), repair())
                .when(unavailable(DEC_1, DEC_4, "Sent for repair"))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void freeingTheMiddleOfARangeReleasesThatPartAndSplitsTheRest() {
        fixture.given(created(), repair())
                .when(available(DEC_2, DEC_3))
                .expectEvents(new ResourceMarkedAvailable(PROJECTOR, DEC_2, DEC_3,
                        List.of(new UnavailableRange(DEC_2, DEC_3, "Sent for repair")), "Loan unit"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void afterASplitTheFreedPartCanBeMarkedAgainButTheRestStillRefusesOverlaps() {
        ResourceMarkedAvailable split = new ResourceMarkedAvailable(PROJECTOR, DEC_2, DEC_3,
                List.of(new UnavailableRange(DEC_2, DEC_3, "Sent for repair")), null);
        fixture.given(created(), repair(), split)
                .when(unavailable(DEC_2, DEC_3, "Conference"))
                .expectEvents(new ResourceMarkedUnavailable(PROJECTOR, DEC_2, DEC_3, "Conference"));
        fixture.given(created(), repair(), split)
                .when(unavailable(DEC_2, DEC_3.plusSeconds(1), "Conference"))
                .expectException(CommandRejectedException.class);
    }

    @Test
    void freeingARangeAcrossSeveralReleasesEachPartInOrder() {
        fixture.given(created(), new ResourceMarkedUnavailable(PROJECTOR, DEC_1, DEC_2, "a"),
                        new ResourceMarkedUnavailable(PROJECTOR, DEC_3, DEC_4, "b"))
                .when(available(DEC_1.plusSeconds(3600), DEC_4.minusSeconds(3600)))
                .expectEvents(new ResourceMarkedAvailable(PROJECTOR, DEC_1.plusSeconds(3600), DEC_4.minusSeconds(3600),
                        List.of(new UnavailableRange(DEC_1.plusSeconds(3600), DEC_2, "a"),
                                new UnavailableRange(DEC_3, DEC_4.minusSeconds(3600), "b")), "Loan unit"));
    }

    @Test
    void markingAvailableWhereTheResourceAlreadyIsChangesNothing() {
        fixture.given(created(), repair())
                .when(available(DEC_4, DEC_4.plusSeconds(86_400)))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aResourceHoldsAtMostAThousandRangesThatHaveNotEnded() {
        List<Object> history = new ArrayList<>();
        history.add(created());
        // A past range does not count.
        history.add(new ResourceMarkedUnavailable(PROJECTOR, NOW.minusSeconds(7200), NOW.minusSeconds(3600), null));
        for (int i = 0; i < Resource.MAX_UPCOMING_RANGES; i++) {
            Instant start = DEC_1.plusSeconds(7200L * i);
            history.add(new ResourceMarkedUnavailable(PROJECTOR, start, start.plusSeconds(3600), null));
        }
        Instant later = DEC_1.plusSeconds(7200L * Resource.MAX_UPCOMING_RANGES);
        fixture.given(history)
                .when(unavailable(later, later.plusSeconds(3600), null))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("1000 unavailable ranges that have not ended"));
        fixture.given(history)
                .when(unavailable(NOW.minusSeconds(3600), NOW.minusSeconds(1800), "a past range is still recorded"))
                .expectSuccessfulHandlerExecution();
    }
}
