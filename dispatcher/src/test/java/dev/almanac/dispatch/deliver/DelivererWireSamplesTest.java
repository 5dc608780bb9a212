package dev.almanac.dispatch.deliver;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.WireSamples;

/** The deliverer's records of almanac.notification-deliveries.v1 are what the wire sample holds. */
class DelivererWireSamplesTest {

    @Test
    void aSentLineIsTheWireSample() {
        NotificationDeliveryRecorded line = EventSamples.notificationDeliveryRecorded();
        WireSamples.assertProducerMatchesSample(new Outcomes(new EventCodec(AlmanacJson.eventMapper())).record(EventSamples.notificationRaised(),
                line.outcome(), line.deliveryId(), line.channel(), line.policy(), line.until(), line.digestId(), line.attempt(), line.detail(),
                line.at()));
    }
}
