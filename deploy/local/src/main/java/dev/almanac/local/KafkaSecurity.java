package dev.almanac.local;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.Topics;

/**
 * The local stack's Kafka security, chosen by {@value #VARIABLE} (ADR 0091). {@code none}, the default, keeps the broker
 * PLAINTEXT and open to any local process, as before. {@code scram} secures it as production is: every listener wants
 * SASL, each service is a SCRAM-SHA-512 user of its own with a password made at each start and handed to it in its
 * environment, and {@link KafkaAccess}'s ACLs allow it its own topics only. The launcher, as the broker's super user,
 * creates the catalogue's topics, the users and the ACLs before any service starts.
 */
public final class KafkaSecurity {

    static final String VARIABLE = "ALMANAC_KAFKA_SECURITY";
    static final String USERNAME = "ALMANAC_KAFKA_USERNAME";
    static final String PASSWORD = "ALMANAC_KAFKA_PASSWORD";
    /** SCRAM's iterations: Kafka's least for SHA-512 is 4,096. */
    private static final int ITERATIONS = 8192;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(KafkaSecurity.class);

    public enum Mode {
        NONE, SCRAM;

        /** The mode {@code value} names; blank is {@link #NONE}. */
        public static Mode of(@Nullable String value) {
            String mode = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            return switch (mode) {
                case "", "none", "plaintext" -> NONE;
                case "scram" -> SCRAM;
                default -> throw new IllegalArgumentException(VARIABLE + " is '" + value + "'; it may be none (the default) or scram");
            };
        }

        static Mode fromEnvironment() {
            return of(System.getenv(VARIABLE));
        }
    }

    /** A service's Kafka user. */
    public record Credentials(String username, String password) {

        Map<String, String> environment() {
            return Map.of(USERNAME, username, PASSWORD, password);
        }

        /** A client's properties to act as this user on the local broker. */
        public Map<String, Object> clientProperties() {
            return KafkaBroker.Security.scramClientProperties(username, password);
        }

        @Override
        public String toString() {
            return "Credentials[" + username + ", password hidden]";
        }
    }

    private KafkaSecurity() {
    }

    /**
     * Creates the catalogue's topics that are missing, a SCRAM user for every service with a new password, and exactly the
     * ACLs of {@link KafkaAccess#TABLE} for each (those of an earlier start are replaced), and waits until the broker
     * knows them all.
     *
     * @param admin a super user's client properties ({@link KafkaBroker#adminProperties()})
     * @return each service's credentials
     */
    public static Map<Service, Credentials> provision(Map<String, Object> admin, int partitions) {
        long started = System.nanoTime();
        Map<Service, Credentials> credentials = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            credentials.put(service, new Credentials(KafkaAccess.of(service).principal(), newPassword()));
        }
        try (Admin client = Admin.create(admin)) {
            createCatalogueTopics(client, partitions);
            List<UserScramCredentialAlteration> users = credentials.values().stream()
                    .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.username(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), user.password()))
                    .toList();
            await(client.alterUserScramCredentials(users).all());
            for (KafkaAccess access : KafkaAccess.TABLE) {
                await(client.deleteAcls(List.of(ofPrincipal(access.principal()))).all());
                await(client.createAcls(access.aclBindings()).all());
            }
            awaitKnown(client, credentials);
        }
        log.info("Kafka secured in {} ms: SASL/SCRAM-SHA-512 users {} with the ACLs of KafkaAccess; no client without credentials gets in",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), credentials.values().stream().map(Credentials::username).toList());
        return credentials;
    }

    private static void createCatalogueTopics(Admin client, int partitions) {
        List<NewTopic> topics = Topics.ALL.stream().flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .map(topic -> new NewTopic(topic, partitions, (short) 1)).toList();
        client.createTopics(topics).values().forEach((topic, created) -> {
            try {
                await(created);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        });
    }

    /** The ACLs and users are applied by the controller; a service starts only once the broker answers with them. */
    private static void awaitKnown(Admin client, Map<Service, Credentials> credentials) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Set<String> users = credentials.values().stream().map(Credentials::username).collect(Collectors.toSet());
        int expectedAcls = KafkaAccess.TABLE.stream().mapToInt(access -> access.aclBindings().size()).sum();
        while (true) {
            List<String> known = await(client.describeUserScramCredentials().users());
            int acls = 0;
            for (KafkaAccess access : KafkaAccess.TABLE) {
                acls += await(client.describeAcls(ofPrincipal(access.principal())).values()).size();
            }
            if (known.containsAll(users) && acls == expectedAcls) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The broker knows users " + known + " and " + acls + " of " + expectedAcls
                        + " ACLs after " + TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static AclBindingFilter ofPrincipal(String principal) {
        return new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:" + principal, null, AclOperation.ANY, AclPermissionType.ANY));
    }

    private static String newPassword() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the local stack's security set-up: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer the local stack's security set-up within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while securing Kafka", e);
        }
    }
}
