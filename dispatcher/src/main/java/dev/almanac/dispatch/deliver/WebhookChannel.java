package dev.almanac.dispatch.deliver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.notification.WebhookFormat;
import dev.almanac.events.notification.WebhookTarget;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.secret.SecretSeal;

/**
 * A POST to the user's webhook: Slack's incoming-webhook shape ({@code text}, and a section block per notification) or
 * the notifications as JSON; signed as the executor signs ({@link WebhookSignature}) with the user's secret, and named by
 * {@code Almanac-Delivery}, the same when sent again. Anything but a 2xx is a failed attempt.
 */
final class WebhookChannel implements Channel {

    static final String DELIVERY_HEADER = "Almanac-Delivery";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = AlmanacJson.eventMapper();
    private final SecretSeal seal;
    private final Clock clock;
    private final Duration timeout;
    private final WebhookAddresses addresses;

    WebhookChannel(SecretSeal seal, Clock clock, Duration timeout, WebhookAddresses addresses) {
        this.seal = seal;
        this.clock = clock;
        this.timeout = timeout;
        this.addresses = addresses;
    }

    @Override
    public void send(Delivery delivery) throws IOException, InterruptedException {
        WebhookTarget target = Objects.requireNonNull(delivery.webhook());
        URI url = URI.create(target.url());
        addresses.requirePublic(url);
        byte[] body = json.writeValueAsBytes(target.format() == WebhookFormat.SLACK ? slack(delivery) : generic(delivery));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(seal.open(target.sealedSecret()), body, clock.instant()))
                .header(DELIVERY_HEADER, delivery.deliveryId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered " + response.statusCode());
        }
    }

    private static Map<String, Object> slack(Delivery delivery) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (NotificationRaised n : delivery.notifications()) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*" + n.title() + "*\n" + n.summary())));
        }
        return Map.of("text", MessageText.subject(delivery), "blocks", blocks);
    }

    private static Map<String, Object> generic(Delivery delivery) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delivery_id", delivery.deliveryId());
        body.put("digest_id", delivery.digestId());
        body.put("notifications", delivery.notifications());
        return body;
    }
}
