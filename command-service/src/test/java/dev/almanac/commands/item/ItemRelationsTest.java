package dev.almanac.commands.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException.Reason;
import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.commands.support.InMemoryCalendars;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.TimeRange;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentId;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.LinkedChange;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.problem.Violation;

/** An item's side of links (LNK-PAIR), its dependencies (F033-DEPENDENCIES) and its attachments (DEP-ATTACH), as the aggregate decides them. */
class ItemRelationsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ItemId SUPERVISOR = ItemId.of("606001-supervisor");
    private static final ItemId CORE = ItemId.of("606001-core");
    private static final ItemId SETUP = ItemId.of("item-setup");
    private static final ItemId REHEARSAL = ItemId.of("item-rehearsal");
    private static final Instant START = Instant.parse("2026-12-01T17:00:00Z");
    private static final Instant END = Instant.parse("2026-12-01T18:00:00Z");
    private static final AttachmentId SLIDES = AttachmentId.of("att-slides");

    private FixtureConfiguration<Item> fixture;
    private final List<TimeRange> admitted = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Item.class);
        CalendarTerms terms = new CalendarTerms(BALLROOM, NEW_YORK, 5, OverbookingPolicy.BLOCK,
                ItemDurations.defaultsFor(CalendarType.VENUE), true, 0);
        fixture.registerInjectableResource(new InMemoryCalendars(id -> id.equals(BALLROOM) ? Optional.of(terms) : Optional.empty()));
        fixture.registerInjectableResource(new CapacityGuard() {
            @Override
            public void hold(CalendarId calendar) {
            }

            @Override
            public List<Violation> admit(CalendarTerms calendar, ItemId item, TimeRange slot) {
                return admit(calendar, item, slot, false).warnings();
            }

            @Override
            public Admission admit(CalendarTerms calendar, ItemId item, TimeRange slot, boolean overriding) {
                admitted.add(slot);
                return new Admission(List.of(), false);
            }
        });
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        // Every item exists but the setup, and the deleted rehearsal.
        fixture.registerInjectableResource((KnownItems) ids -> {
            Map<ItemId, KnownItems.Absence> absent = new LinkedHashMap<>();
            ids.stream().filter(id -> id.equals(SETUP)).forEach(id -> absent.put(id, KnownItems.Absence.NEVER_SCHEDULED));
            ids.stream().filter(id -> id.equals(REHEARSAL)).forEach(id -> absent.put(id, KnownItems.Absence.DELETED));
            return absent;
        });
        fixture.registerInjectableResource((KnownResources) ids -> new LinkedHashSet<>());
    }

    private static ItemScheduled supervisorScheduled() {
        return new ItemScheduled(SUPERVISOR, BALLROOM, "606001-Supervisor-Super Pretzel", "supervisor", START, END, NEW_YORK,
                Priority.NORMAL, List.of());
    }

    private static ItemLinked followsCore() {
        return new ItemLinked(SUPERVISOR, BALLROOM, START, END, LinkRole.FOLLOWER, CORE, BALLROOM, 7_200);
    }

    private static ScheduleItem schedule(List<ItemId> dependencies) {
        return new ScheduleItem(SUPERVISOR, BALLROOM, "606001-Supervisor-Super Pretzel", "supervisor", START, END, NEW_YORK,
                Priority.NORMAL, List.of(), null, List.of(), Map.of(), ItemSource.MANUAL, dependencies);
    }

    private static boolean refused(Object failure, Reason reason, String field, String rule) {
        return failure instanceof CommandRejectedException rejected && rejected.reason() == reason
                && rejected.violations().get(0).field().equals(field) && rejected.violations().get(0).rule().equals(rule);
    }

    @Test
    void aFollowerRefusesToMoveOnItsOwn() {
        fixture.given(supervisorScheduled(), followsCore())
                .when(new RescheduleItem(SUPERVISOR, START.plusSeconds(3600), null, null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, Reason.CONFLICT, "id", "linked")
                        && ((CommandRejectedException) failure).getMessage().contains("follows 606001-core")));
        assertThat(admitted).isEmpty();
    }

    /** The primary's version is the one ItemMoves planned for it; the item records what it is told. */
    @Test
    void aFollowerMovesAlongWithItsPrimaryAndSaysSoWithThePrimarysVersion() {
        Instant later = START.plusSeconds(86_400);
        List<LinkedChange> primaryMoved = List.of(new LinkedChange(CORE, 4));

        fixture.given(supervisorScheduled(), followsCore())
                .when(new RescheduleItem(SUPERVISOR, later, "pair moved", null, null, CORE, primaryMoved))
                .expectEvents(new ItemRescheduled(SUPERVISOR, BALLROOM, START, END, later, later.plusSeconds(3600), "pair moved", null,
                        CORE, primaryMoved));
        assertThat(admitted).containsExactly(new TimeRange(later, later.plusSeconds(3600)));
    }

    /** A move to where the item stands applies nothing, so ItemMoves plans no version for it (PlannedVersions). */
    @Test
    void aMoveToWhereTheFollowerStandsChangesNothing() {
        fixture.given(supervisorScheduled(), followsCore())
                .when(new RescheduleItem(SUPERVISOR, START, null, null, null, CORE, List.of(new LinkedChange(CORE, 2))))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> ((Rescheduled) result).version() == 1));
    }

    @Test
    void aFollowerIsCancelledOnlyWithItsPrimary() {
        fixture.given(supervisorScheduled(), followsCore())
                .when(new CancelItem(SUPERVISOR, null, null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, Reason.CONFLICT, "id", "linked")));

        fixture.given(supervisorScheduled(), followsCore())
                .when(new CancelItem(SUPERVISOR, "event called off", null, CORE, null, List.of(new LinkedChange(CORE, 3))))
                .expectEvents(new ItemCancelled(SUPERVISOR, BALLROOM, START, END, "event called off", CORE,
                        List.of(new LinkedChange(CORE, 3))));
    }

    /** ADR 0030: an orphan is repaired by cancelling the follower on its own once its primary is cancelled. */
    @Test
    void aFollowerWhosePrimaryIsCancelledMayBeCancelledOnItsOwnAndKeepsItsLink() {
        fixture.given(supervisorScheduled(), followsCore())
                .when(new CancelItem(SUPERVISOR, "the core visit was called off", null, null, CORE, List.of()))
                .expectEvents(new ItemCancelled(SUPERVISOR, BALLROOM, START, END, "the core visit was called off", null, List.of()));

        fixture.given(supervisorScheduled(), followsCore())
                .when(new CancelItem(SUPERVISOR, null, null, null, ItemId.of("606001-another-core"), List.of()))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, Reason.CONFLICT, "id", "linked")));
    }

    @Test
    void anUnlinkedFollowerMovesOnItsOwnAgain() {
        Instant later = START.plusSeconds(3600);

        fixture.given(supervisorScheduled(), followsCore(), new ItemUnlinked(SUPERVISOR, BALLROOM, START, END, LinkRole.FOLLOWER, CORE))
                .when(new RescheduleItem(SUPERVISOR, later, null, null))
                .expectEvents(new ItemRescheduled(SUPERVISOR, BALLROOM, START, END, later, later.plusSeconds(3600), null, null, null,
                        List.of()));
    }

    @Test
    void aPrimaryAcceptsItsOwnMoveItsFollowersAreMovedByTheChangeThatSpansThem() {
        fixture.given(supervisorScheduled(), new ItemLinked(SUPERVISOR, BALLROOM, START, END, LinkRole.PRIMARY, CORE, BALLROOM, -600))
                .when(new RescheduleItem(SUPERVISOR, START.plusSeconds(600), null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void linksAreRecordedOnEachSideAndReportedToTheChangeThatSpansThem() {
        fixture.given(supervisorScheduled(), followsCore())
                .when(new ConfirmItem(SUPERVISOR, null))
                .expectSuccessfulHandlerExecution()
                .expectState(item -> {
                    LinkState state = item.linkState();
                    assertThat(state.follows()).isEqualTo(new ItemLinks.Follows(CORE, 7_200));
                    assertThat(state.followers()).isEmpty();
                    assertThat(state.version()).isEqualTo(2);
                });
        fixture.given(supervisorScheduled(), new ItemLinked(SUPERVISOR, BALLROOM, START, END, LinkRole.PRIMARY, CORE, BALLROOM, 600))
                .when(new ConfirmItem(SUPERVISOR, null))
                .expectState(item -> assertThat(item.linkState().followers()).containsExactly(CORE));
    }

    @Test
    void undoingALinkedMoveIsRefusedButAConfirmationMayBeWithdrawn() {
        Instant later = START.plusSeconds(3600);
        fixture.givenCurrentTime(NOW.minusSeconds(60))
                .andGiven(by(supervisorScheduled(), 0), by(followsCore(), 1),
                        by(new ItemRescheduled(SUPERVISOR, BALLROOM, START, END, later, later.plusSeconds(3600), null, null, CORE,
                                List.of(new LinkedChange(CORE, 3))), 2))
                .when(new UndoItem(SUPERVISOR, null), Map.of(CommandMetadata.ACTOR, "alice"))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, Reason.CONFLICT, "id", "linked")));

        fixture.givenCurrentTime(NOW.minusSeconds(60))
                .andGiven(by(supervisorScheduled(), 0), by(followsCore(), 1),
                        by(new ItemConfirmed(SUPERVISOR, BALLROOM, START, END), 2))
                .when(new UndoItem(SUPERVISOR, null), Map.of(CommandMetadata.ACTOR, "alice"))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.matches(event -> event instanceof ItemUnconfirmed), Matchers.andNoMore())));
    }

    private static GenericDomainEventMessage<?> by(Object event, long sequence) {
        return new GenericDomainEventMessage<>("Item", "item:" + SUPERVISOR, sequence, event, MetaData.with(CommandMetadata.ACTOR, "alice"));
    }

    @Test
    void schedulingRecordsTheItemsItDependsOn() {
        fixture.givenNoPriorActivity()
                .when(schedule(List.of(CORE)))
                .expectEvents(new ItemScheduled(SUPERVISOR, BALLROOM, "606001-Supervisor-Super Pretzel", "supervisor", START, END,
                        NEW_YORK, Priority.NORMAL, List.of(), null, null, null, null, List.of(CORE), null, UserId.of("system")));
    }

    @Test
    void aDependencyOnNoItemIsRefusedNamingIt() {
        fixture.givenNoPriorActivity()
                .when(schedule(List.of(CORE, SETUP)))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, Reason.UNKNOWN_REFERENCE, "dependencies[1]", "exists")));
        assertThat(admitted).isEmpty();
    }

    @Test
    void aDependencyOnADeletedItemIsRefusedNamingIt() {
        fixture.givenNoPriorActivity()
                .when(schedule(List.of(CORE, REHEARSAL)))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, Reason.UNKNOWN_REFERENCE, "dependencies[1]", "deleted")));
        assertThat(admitted).isEmpty();
    }

    private static AddAttachment slides(String storageKey) {
        return new AddAttachment(SUPERVISOR, SLIDES, "slides.pdf", "application/pdf", 2_048, null, storageKey, null);
    }

    private static AttachmentAdded slidesAdded(String storageKey) {
        return new AttachmentAdded(SUPERVISOR, BALLROOM, START, END, SLIDES, "slides.pdf", "application/pdf", 2_048, null, storageKey);
    }

    @Test
    void attachesAReferenceWhereTheItemStands() {
        fixture.given(supervisorScheduled())
                .when(slides("q4/slides.pdf"))
                .expectEvents(slidesAdded("q4/slides.pdf"))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof AttachmentChanged changed
                        && changed.changed() && changed.attachmentCount() == 1 && changed.version() == 1));
    }

    @Test
    void theSameAttachmentAgainChangesNothingAndAnotherUnderItsIdIsRefused() {
        fixture.given(supervisorScheduled(), slidesAdded("q4/slides.pdf"))
                .when(slides("q4/slides.pdf"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof AttachmentChanged changed
                        && !changed.changed() && changed.attachmentCount() == 1 && changed.version() == 1));

        fixture.given(supervisorScheduled(), slidesAdded("q4/slides.pdf"))
                .when(slides("q4/slides-v2.pdf"))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, Reason.CONFLICT, "id", "unique")));
    }

    @Test
    void anItemHoldsAtMostFiftyAttachments() {
        List<Object> history = new ArrayList<>(List.of(supervisorScheduled()));
        for (int i = 0; i < ItemAttachments.MAX_ATTACHMENTS; i++) {
            history.add(new AttachmentAdded(SUPERVISOR, BALLROOM, START, END, AttachmentId.of("att-" + i), "photo " + i + ".jpg",
                    "image/jpeg", 1_000, "https://files.example.com/" + i + ".jpg", null));
        }

        fixture.given(history)
                .when(slides("q4/slides.pdf"))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, Reason.CONFLICT, "id", "max_attachments")));

        history.add(new AttachmentRemoved(SUPERVISOR, BALLROOM, START, END, AttachmentId.of("att-7")));
        fixture.given(history)
                .when(slides("q4/slides.pdf"))
                .expectEvents(slidesAdded("q4/slides.pdf"));
    }

    @Test
    void removesAnAttachmentAndRefusesOneItDoesNotHave() {
        fixture.given(supervisorScheduled(), slidesAdded("q4/slides.pdf"))
                .when(new RemoveAttachment(SUPERVISOR, SLIDES, 1L))
                .expectEvents(new AttachmentRemoved(SUPERVISOR, BALLROOM, START, END, SLIDES))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> ((AttachmentChanged) result).attachmentCount() == 0));

        fixture.given(supervisorScheduled(), slidesAdded("q4/slides.pdf"), new AttachmentRemoved(SUPERVISOR, BALLROOM, START, END, SLIDES))
                .when(new RemoveAttachment(SUPERVISOR, SLIDES, null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, Reason.NOT_FOUND, "attachmentId", "exists")));
    }

    @Test
    void aCancelledItemTakesNoAttachment() {
        fixture.given(supervisorScheduled(), new ItemCancelled(SUPERVISOR, BALLROOM, START, END, null))
                .when(slides("q4/slides.pdf"))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, Reason.CONFLICT, "id", "cancelled")));
    }
}
