package dev.almanac.query.consistency;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.consistency.ConsistencyToken.Kind;

/** The gate reads each kind of entity from the source its feature registered, and refuses to start without one for each kind. */
class ConsistencyGateTest {

    private static final AppliedBatches NO_BATCHES = Flux::never;

    /** A read model that holds every entity of its kind at one version. */
    private static ConsistencySource heldAt(Kind kind, long held) {
        return new ConsistencySource(kind, id -> Mono.just(held));
    }

    private static List<ConsistencySource> everyKindAt(long version) {
        return Arrays.stream(Kind.values()).map(kind -> heldAt(kind, version)).toList();
    }

    @Test
    void refusesToStartWithoutASourceForEveryKind() {
        List<ConsistencySource> withoutResources = everyKindAt(1).stream().filter(source -> source.kind() != Kind.RESOURCE).toList();

        assertThatThrownBy(() -> new ConsistencyGate(withoutResources, NO_BATCHES, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no consistency source for [RESOURCE]");
    }

    @Test
    void refusesToStartWithTwoSourcesForOneKind() {
        List<ConsistencySource> twoForItems = new ArrayList<>(everyKindAt(1));
        twoForItems.add(heldAt(Kind.ITEM, 2));

        assertThatThrownBy(() -> new ConsistencyGate(twoForItems, NO_BATCHES, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two consistency sources for ITEM");
    }

    @Test
    void asksTheSourceOfTheTokensKind() {
        List<ConsistencySource> sources = new ArrayList<>(everyKindAt(1).stream().filter(source -> source.kind() != Kind.RULE).toList());
        sources.add(heldAt(Kind.RULE, 5));
        ConsistencyGate gate = new ConsistencyGate(sources, NO_BATCHES, Duration.ofSeconds(1), Duration.ofHours(1));

        StepVerifier.create(gate.holds(new ConsistencyToken(Kind.RULE, "rule-nightly", 5))).expectNext(true).verifyComplete();
        StepVerifier.create(gate.holds(new ConsistencyToken(Kind.RULE, "rule-nightly", 6))).expectNext(false).verifyComplete();
        StepVerifier.create(gate.holds(new ConsistencyToken(Kind.ITEM, "item-review", 5))).expectNext(false).verifyComplete();
    }
}
