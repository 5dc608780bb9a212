package dev.almanac.dispatch.deliver;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Function;

/**
 * Which addresses a user's webhook may reach (OWASP API7, server-side request forgery): a webhook's URL is the user's to
 * choose, and the dispatcher runs inside the cluster, so a URL naming a loopback, private, link-local (the cloud's
 * metadata service at 169.254.169.254), unique-local, carrier-grade NAT or multicast address, or a host that resolves to
 * one, would let any user make Almanac call its own services or the cloud's. Such a webhook is refused without a
 * connection being opened, every time, rather than retried. A deployment whose users' receivers live on a private network
 * allows private addresses with {@code almanac.deliver.webhook-private-addresses=allow}; the local stack does, since
 * everything there listens on 127.0.0.1.
 * <p>
 * Every address the host resolves to is checked, but the HTTP client resolves the host again to connect: a name whose
 * answer changes between the two (DNS rebinding) is not stopped here. An egress policy that denies the dispatcher the
 * cluster's and the cloud's private ranges closes that too (docs/security.md).
 */
final class WebhookAddresses {

    /** A webhook refused for where it points: not retried, since it would be refused again. */
    static final class Refused extends IOException {

        Refused(String message) {
            super(message);
        }
    }

    private final boolean privateAllowed;
    private final Function<String, List<InetAddress>> resolver;

    WebhookAddresses(boolean privateAllowed) {
        this(privateAllowed, WebhookAddresses::resolve);
    }

    WebhookAddresses(boolean privateAllowed, Function<String, List<InetAddress>> resolver) {
        this.privateAllowed = privateAllowed;
        this.resolver = resolver;
    }

    /** @throws Refused when {@code url}'s host is, or resolves to, an address that is not public and those are not allowed */
    void requirePublic(URI url) throws Refused {
        if (privateAllowed) {
            return;
        }
        String host = url.getHost();
        if (host == null) {
            throw new Refused("the webhook's URL names no host");
        }
        // A literal IPv6 host comes in brackets.
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = resolver.apply(name);
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new Refused("the webhook's host " + host + " is or resolves to " + address.getHostAddress()
                        + ", which is not a public address; a deployment allows those with almanac.deliver.webhook-private-addresses=allow");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64.0.0/10 (carrier-grade NAT, and some clusters' pod networks), 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15 (benchmarking).
            return !(first == 100 && second >= 64 && second < 128) && first != 0 && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    && !(first == 198 && (second == 18 || second == 19));
        }
        if (address instanceof Inet6Address) {
            // fc00::/7, unique local addresses: IPv6's private ranges.
            return (bytes[0] & 0xfe) != 0xfc;
        }
        return true;
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException unknown) {
            // Left to the HTTP client, which fails on it as on any unknown host: a failed attempt, retried.
            return List.of();
        }
    }
}
