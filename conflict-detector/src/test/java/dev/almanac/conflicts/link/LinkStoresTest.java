package dev.almanac.conflicts.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Values;
import dev.almanac.events.Tenant;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;

/** The item links of a calendar's partition, and the pairs and their graces on a primary's, read back as written. */
class LinkStoresTest {

    private static final ItemId PRIMARY = ItemId.of("item-core");
    private static final ItemId FOLLOWER = ItemId.of("item-super");
    private static final CalendarId CORE = CalendarId.of("cal-core");
    private static final CalendarId SUPERVISORS = CalendarId.of("cal-supervisors");
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final ItemLinkStore links = new ItemLinkStore(staged(ItemLinkStore.STORE));
    private final LinkPairStore pairs = new LinkPairStore(staged(LinkPairStore.PAIRS), staged(LinkPairStore.DUE));

    @Test
    void anItemsLinksReadBackAndAnOlderWriteIsRefused() {
        ItemLink first = new ItemLink(PRIMARY, LinkRole.PRIMARY, FOLLOWER, SUPERVISORS, 7_200, true, 1);
        ItemLink second = new ItemLink(PRIMARY, LinkRole.PRIMARY, ItemId.of("item-super-2"), null, -600, false, 3);
        assertThat(links.save(first)).isTrue();
        assertThat(links.save(second)).isTrue();
        assertThat(links.save(new ItemLink(PRIMARY, LinkRole.PRIMARY, FOLLOWER, SUPERVISORS, 60, false, 1))).isFalse();

        assertThat(links.of(PRIMARY)).containsExactly(first, second);
        assertThat(links.of(FOLLOWER)).as("another item, though its id starts the same").isEmpty();
        assertThat(links.of(ItemId.of("item-cor"))).isEmpty();
    }

    @Test
    void aPairReadsBackWithBothSidesAndItsGraceAndTheDueIndexFollowsTheGrace() {
        EventMetadata cause = new EventMetadata("evt-1", "dev.almanac.schedule.ItemRescheduled.v1", "/almanac/command-service", NOW,
                PRIMARY.value(), 2, "planner@example.com", "corr-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "cmd-1");
        LinkSide primary = new LinkSide(LinkRole.PRIMARY, PRIMARY, CORE, FOLLOWER, SUPERVISORS, true, 7_200, true, "Core visit",
                new TimeRange(NOW, NOW.plusSeconds(3_600)), 2);
        LinkSide follower = new LinkSide(LinkRole.FOLLOWER, FOLLOWER, SUPERVISORS, PRIMARY, null, false, 0, false, "",
                new TimeRange(NOW, NOW.plusSeconds(60)), 4);
        LinkPair pair = new LinkPair(PRIMARY, FOLLOWER, primary, follower, new PendingOrphan(NOW.plusSeconds(30), cause));
        LinkSide followerB = new LinkSide(LinkRole.FOLLOWER, ItemId.of("item-b"), SUPERVISORS, ItemId.of("item-a"), CORE, true, 60, true,
                "B", new TimeRange(NOW, NOW.plusSeconds(60)), 1);
        LinkPair other = new LinkPair(ItemId.of("item-a"), ItemId.of("item-b"), null, followerB, new PendingOrphan(NOW.plusSeconds(10),
                new EventMetadata("evt-2", "t", "s", NOW, "item-b", 0, "a", "c", null)));

        pairs.save(pair);
        pairs.save(other);

        assertThat(pairs.find(PRIMARY, FOLLOWER)).contains(pair);
        assertThat(pairs.all()).containsExactly(other, pair);
        assertThat(pairs.dueBy(NOW.plusSeconds(29), 10)).containsExactly(other);
        assertThat(pairs.dueBy(NOW.plusSeconds(30), 10)).containsExactly(other, pair);
        assertThat(pairs.dueBy(NOW.plusSeconds(30), 1)).containsExactly(other);

        pairs.save(other.withPending(null));
        pairs.save(pair.withPending(new PendingOrphan(NOW.plusSeconds(90), cause)));

        assertThat(pairs.dueBy(NOW.plusSeconds(60), 10)).as("a grace ended or moved leaves no stale due entry").isEmpty();
        assertThat(pairs.dueBy(NOW.plusSeconds(90), 10)).extracting(LinkPair::primaryId).containsExactly(PRIMARY);
    }

    /** ADR 0102: a tenant's re-scan compares the pairs whose primary is its item, and no other tenant's. */
    @Test
    void aTenantsPairsAreThoseOfItsPrimariesAndEveryPairWithoutATenant() {
        LinkPair acme = LinkPair.unknown(ItemId.of("acme:core"), ItemId.of("acme:super"));
        LinkPair acmeTwo = LinkPair.unknown(ItemId.of("acme-two:core"), ItemId.of("acme-two:super"));
        LinkPair globex = LinkPair.unknown(ItemId.of("globex:a"), ItemId.of("globex:b"));
        LinkPair untenanted = LinkPair.unknown(PRIMARY, FOLLOWER);
        List.of(acme, acmeTwo, globex, untenanted).forEach(pairs::save);

        assertThat(pairs.all(Tenant.of("acme"))).containsExactly(acme);
        assertThat(pairs.all(Tenant.of("globex"))).containsExactly(globex);
        assertThat(pairs.all(null)).containsExactlyInAnyOrder(acme, acmeTwo, globex, untenanted).isEqualTo(pairs.all());
    }

    @Test
    void aPairKeepsWhatEachSideSaidAndTheVersionsItAwaitsAndAPairWrittenBeforeThemAwaitsNothing() {
        LinkSide primary = new LinkSide(LinkRole.PRIMARY, PRIMARY, CORE, FOLLOWER, SUPERVISORS, true, 7_200, true, "Core visit",
                new TimeRange(NOW, NOW.plusSeconds(3_600)), 2, SameTransaction.otherReached(5));
        LinkSide follower = new LinkSide(LinkRole.FOLLOWER, FOLLOWER, SUPERVISORS, PRIMARY, CORE, true, 7_200, true, "Supervisor visit",
                new TimeRange(NOW, NOW.plusSeconds(60)), 3, SameTransaction.ALONE);
        LinkPair pair = LinkPair.unknown(PRIMARY, FOLLOWER).with(follower).with(primary);
        assertThat(pair.followerAwaited()).isEqualTo(5);
        assertThat(pair.awaitsASide()).as("the follower is at 3, and the primary's transaction took it to 5").isTrue();

        pairs.save(pair);

        assertThat(pairs.find(PRIMARY, FOLLOWER)).contains(pair);

        // The layout before the addendum: format 1, no declarations, nothing awaited.
        KeyValueStore<Bytes, byte[]> raw = store(LinkPairStore.PAIRS);
        LinkPairStore old = new LinkPairStore(new StagedStore(raw), staged(LinkPairStore.DUE));
        byte[] formatOne = Values.writer(1)
                .writeBoolean(true).writeLong(2).writeString(CORE.value()).writeBoolean(true).writeString(SUPERVISORS.value())
                .writeBoolean(true).writeLong(7_200).writeBoolean(true).writeString("Core visit")
                .writeInstant(NOW).writeInstant(NOW.plusSeconds(3_600))
                .writeBoolean(false)
                .writeBoolean(false)
                .toBytes();
        raw.put(OrderedKey.builder().sized(PRIMARY.value()).text(FOLLOWER.value()).build(), formatOne);

        assertThat(old.find(PRIMARY, FOLLOWER)).contains(new LinkPair(PRIMARY, FOLLOWER, new LinkSide(LinkRole.PRIMARY, PRIMARY, CORE,
                FOLLOWER, SUPERVISORS, true, 7_200, true, "Core visit", new TimeRange(NOW, NOW.plusSeconds(3_600)), 2), null, null));
    }

    private static StagedStore staged(String name) {
        return new StagedStore(store(name));
    }

    private static KeyValueStore<Bytes, byte[]> store(String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }
}
