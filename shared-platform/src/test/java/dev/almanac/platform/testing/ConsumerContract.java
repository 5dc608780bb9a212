package dev.almanac.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * The catalogue walk every consumer's tests make: each catalogued type of each topic the
 * consumer reads, taken from its wire sample and decoded as on the wire, must get a decision.
 */
public final class ConsumerContract {

    private ConsumerContract() {
    }

    /** @return the decision for every type of the consumer's topics, by {@code ce_type}, for further assertions */
    public static <W> Map<String, Decision<W>> assertDecidesEveryType(EventDecider<W> decider) {
        assertThat(decider.topics()).as("topics %s reads", decider.consumer()).isNotEmpty();
        Map<String, Decision<W>> decisions = new LinkedHashMap<>();
        for (EventType type : EventCatalog.all()) {
            if (!decider.reads(type.topic())) {
                continue;
            }
            ReceivedEvent received = WireSamples.received(type);
            Decision<W> decision = decider.decide(received);
            assertThat(decision).as("%s's decision for %s", decider.consumer(), type.ceType()).isNotNull();
            decisions.put(type.ceType(), decision);
        }
        assertThat(decisions.keySet()).as("types decided by %s", decider.consumer())
                .containsExactlyInAnyOrderElementsOf(EventCatalog.all().stream()
                        .filter(type -> decider.reads(type.topic())).map(EventType::ceType).toList());
        return decisions;
    }

    /** The work of a decision the caller expects to be a handling one. */
    public static <W> W handled(Decision<W> decision) {
        assertThat(decision).isInstanceOf(Decision.Handle.class);
        return ((Decision.Handle<W>) decision).work();
    }
}
