package dev.almanac.dispatch.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A user's webhook reaches public addresses only, unless a deployment allows private ones (OWASP API7). */
class WebhookAddressesTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "metadata.example.com", "169.254.169.254",
            "inside.example.com", "10.0.12.7");

    private final WebhookAddresses refusing = new WebhookAddresses(false, WebhookAddressesTest::lookUp);

    @Test
    void loopbackPrivateLinkLocalUniqueLocalCgnatAndMulticastAreNotPublic() throws UnknownHostException {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                "192.0.0.8", "198.18.0.1", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "fc00::7", "ff02::1")) {
            assertThat(WebhookAddresses.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : List.of("93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888")) {
            assertThat(WebhookAddresses.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void aHostThatIsOrResolvesToAnAddressThatIsNotPublicIsRefusedNamingIt() {
        assertThatCode(() -> refusing.requirePublic(URI.create("https://hooks.example.com/almanac"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> refusing.requirePublic(URI.create("http://metadata.example.com/latest/meta-data/")))
                .isInstanceOf(WebhookAddresses.Refused.class).hasMessageContaining("169.254.169.254")
                .hasMessageContaining("webhook-private-addresses=allow");
        assertThatThrownBy(() -> refusing.requirePublic(URI.create("http://inside.example.com:8082/actuator/health")))
                .isInstanceOf(WebhookAddresses.Refused.class).hasMessageContaining("10.0.12.7");
        assertThatThrownBy(() -> refusing.requirePublic(URI.create("http://127.0.0.1:8081/api/v1/calendars")))
                .isInstanceOf(WebhookAddresses.Refused.class);
        assertThatThrownBy(() -> refusing.requirePublic(URI.create("http://[::1]:8081/")))
                .isInstanceOf(WebhookAddresses.Refused.class);
    }

    @Test
    void aDeploymentThatAllowsPrivateAddressesCallsThemAndTheSettingIsReadStrictly() {
        WebhookAddresses allowing = new WebhookAddresses(true, WebhookAddressesTest::lookUp);
        assertThatCode(() -> allowing.requirePublic(URI.create("http://127.0.0.1:8081/hook"))).doesNotThrowAnyException();
        assertThat(DelivererConfiguration.allowed("allow")).isTrue();
        assertThat(DelivererConfiguration.allowed(" Refuse ")).isFalse();
        assertThatThrownBy(() -> DelivererConfiguration.allowed("yes")).hasMessageContaining("refuse or allow");
    }

    private static List<InetAddress> lookUp(String host) {
        try {
            return List.of(InetAddress.getByName(DNS.getOrDefault(host, host)));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
