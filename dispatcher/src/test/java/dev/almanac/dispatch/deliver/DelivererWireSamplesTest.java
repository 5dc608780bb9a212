package dev.almanac.dispatch.deliver;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.WireSamples;

import static org.assertj.core.api.Assertions.assertThat;

/** The deliverer decides every type it reads from its wire sample, and writes the deliveries topic as its wire sample holds it. */
class DelivererWireSamplesTest {

    @Test
    void everyTypeOfTheTopicsItReadsIsDecided() {
        assertThat(ConsumerContract.assertDecidesEveryType(DeliverDecisions.DECIDER)).isNotEmpty()
                .allSatisfy((type, decision) -> assertThat(decision).isInstanceOf(Decision.Handle.class));
    }

    @Test
    void aSentLineIsTheWireSample() {
        NotificationDeliveryRecorded line = EventSamples.notificationDeliveryRecorded();
        WireSamples.assertProducerMatchesSample(new Outcomes(new EventCodec(AlmanacJson.eventMapper())).record(EventSamples.notificationRaised(),
                line.outcome(), line.deliveryId(), line.channel(), line.policy(), line.until(), line.digestId(), line.attempt(), line.detail(),
                line.at()));
    }
}
