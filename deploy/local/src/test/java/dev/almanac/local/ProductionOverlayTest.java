package dev.almanac.local;

import static dev.almanac.local.DeploymentFiles.containerOf;
import static dev.almanac.local.DeploymentFiles.mapAt;
import static dev.almanac.local.DeploymentFiles.namesLoopback;
import static dev.almanac.local.Kustomization.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.almanac.events.Topics;
import dev.almanac.local.DeploymentFiles.Placeholder;
import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;

/**
 * deploy/k8s/overlays/production as {@code kubectl kustomize} renders it, against the base it changes and the code it
 * deploys: the same images, ports, environment and probes as the base, on health groups each service has; a
 * PodDisruptionBudget for every Deployment that lets a node drain; autoscaling only where no partition bounds it; a
 * Strimzi KafkaTopic, with the catalogue's config, for every topic of {@link Topics#ALL} and its dead-letter topic; a
 * Strimzi KafkaUser per service with the ACLs of {@link KafkaAccess}.
 * Needs kubectl (Debian: {@code apt-get install kubernetes-client}, which .ci/run installs); skipped without it.
 */
class ProductionOverlayTest {

    private static final DeploymentFiles FILES = DeploymentFiles.ofThisCheckout();
    private static final Path OVERLAY = FILES.path("deploy/k8s/overlays/production");
    private static final int PARTITIONS = AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS;
    private static final int TOPIC_REPLICAS = 3;
    /** The services that answer HTTP without consuming a topic's partitions, or with a share of them that a replica does not need. */
    private static final Set<String> AUTOSCALED = Set.of(Service.COMMAND_SERVICE.serviceName(), Service.QUERY_SERVICE.serviceName());
    private static final Pattern HEALTH_PATH = Pattern.compile("/actuator/health/([\\w-]+)");
    /** Spring Boot's own contributors that any service has: the availability states, and the ping and disk checks. */
    private static final Set<String> BOOT_CONTRIBUTORS = Set.of("readinessState", "livenessState", "ping", "diskSpace");
    private static final Pattern NAMED_COMPONENT = Pattern.compile("@Component\\(\"(\\w+)\"\\)");
    private static final Pattern INDICATOR_BEAN = Pattern.compile("(\\w+)HealthIndicator\\s*\\(|@Bean\\(\"(\\w+)HealthIndicator\"\\)");
    private static final Set<String> KAFKA_CREDENTIALS = Set.of("ALMANAC_KAFKA_USERNAME", "ALMANAC_KAFKA_PASSWORD");
    private static final Pattern KUBERNETES_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private static Kustomization base;
    private static Kustomization production;

    @BeforeAll
    static void render() {
        Optional<Path> kubectl = Kustomization.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl is not installed (Debian: apt-get install kubernetes-client; .ci/run installs it as root)");
        base = Kustomization.render(kubectl.get(), FILES.kubernetesBase());
        production = Kustomization.render(kubectl.get(), OVERLAY);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDeploymentRunsTheBasesImagePortsEnvironmentAndProbesOnTwoReplicasOrMore() {
        assertThat(names(production.ofKind("Deployment"))).as("the Deployments of production").isEqualTo(names(base.ofKind("Deployment")));
        for (Map<String, Object> inBase : base.ofKind("Deployment")) {
            String name = name(inBase);
            Map<String, Object> deployment = production.object("Deployment", name).orElseThrow();
            Map<String, Object> container = containerOf(deployment);
            Map<String, Object> baseContainer = containerOf(inBase);

            for (String unchanged : List.of("name", "image", "ports", "envFrom")) {
                assertThat(container.get(unchanged)).as("%s's %s in production", name, unchanged).isEqualTo(baseContainer.get(unchanged));
            }
            // Production mounts only the Kafka cluster's CA besides the base's volumes (kafka-credentials.yaml).
            assertThat(((List<Map<String, Object>>) container.getOrDefault("volumeMounts", List.of())).stream()
                    .filter(mount -> !"kafka-ca".equals(mount.get("name"))).toList())
                    .as("%s's volumeMounts in production, but the Kafka CA", name).isEqualTo(baseContainer.getOrDefault("volumeMounts", List.of()));
            // Production adds only the service's Kafka credentials (kafka-credentials.yaml).
            assertThat(variables(container).stream().filter(variable -> !KAFKA_CREDENTIALS.contains(variable.get("name"))).toList())
                    .as("%s's env in production, but its Kafka credentials", name).isEqualTo(variables(baseContainer));
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(mapAt(container, probe).get("httpGet")).as("what %s's %s asks", name, probe).isEqualTo(mapAt(baseContainer, probe).get("httpGet"));
            }
            assertThat(podLabels(deployment)).as("%s's pod labels", name).isEqualTo(podLabels(inBase));
            assertThat(replicas(deployment)).as("%s's replicas: one pod must survive a drain", name).isGreaterThanOrEqualTo(2);
            Map<String, Object> requests = mapAt(mapAt(container, "resources"), "requests");
            Map<String, Object> baseRequests = mapAt(mapAt(baseContainer, "resources"), "requests");
            assertThat(millicores(requests.get("cpu"))).as("%s's CPU request, from the sizing in deploy/README.md", name)
                    .isGreaterThanOrEqualTo(millicores(baseRequests.get("cpu")));
            assertThat(requests.get("memory")).as("%s's memory request, which its image's heap decides", name).isEqualTo(baseRequests.get("memory"));
            assertThat(mapAt(mapAt(container, "resources"), "limits")).as("%s's limits", name)
                    .isEqualTo(mapAt(mapAt(baseContainer, "resources"), "limits")).doesNotContainKey("cpu");
        }
    }

    @Test
    void everyProbeAsksAHealthGroupTheServiceHasWhoseContributorsExist() {
        assertThat(DeploymentFiles.read(FILES.path("shared-platform/src/main/resources/almanac-platform-defaults.properties")))
                .as("the liveness and readiness groups exist in every service").contains("management.endpoint.health.probes.enabled=true");
        for (Service service : Service.values()) {
            String module = service.serviceName();
            Map<String, String> properties = FILES.properties(module);
            Set<String> groups = new LinkedHashSet<>(List.of("liveness", "readiness"));
            String groupPrefix = "management.endpoint.health.group.";
            properties.keySet().stream().filter(property -> property.startsWith(groupPrefix))
                    .map(property -> property.substring(groupPrefix.length()).split("\\.")[0]).forEach(groups::add);
            Set<String> contributors = contributorsOf(module, properties);

            Map<String, Object> container = containerOf(production.object("Deployment", module).orElseThrow());
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                String path = String.valueOf(mapAt(mapAt(container, probe), "httpGet").get("path"));
                Matcher group = HEALTH_PATH.matcher(path);
                assertThat(group.matches()).as("%s's %s asks %s, a health group", module, probe, path).isTrue();
                assertThat(groups).as("the health groups of %s, which its %s asks", module, probe).contains(group.group(1));
                String members = properties.get(groupPrefix + group.group(1) + ".include");
                if (members != null) {
                    for (String member : members.split(",")) {
                        assertThat(contributors).as("the contributors of %s, which its %s group includes", module, group.group(1))
                                .contains(member.strip());
                    }
                }
            }
            assertThat(mapAt(mapAt(container, "readinessProbe"), "httpGet").get("path")).as("%s's readiness probe", module)
                    .isEqualTo("/actuator/health/readiness");
        }
    }

    @Test
    void everyDeploymentHasOnePodDisruptionBudgetThatLetsANodeDrain() {
        List<Map<String, Object>> budgets = production.ofKind("PodDisruptionBudget");
        for (Map<String, Object> deployment : production.ofKind("Deployment")) {
            String name = name(deployment);
            List<Map<String, Object>> covering = budgets.stream().filter(budget -> {
                Map<String, Object> selected = mapAt(mapAt(mapAt(budget, "spec"), "selector"), "matchLabels");
                return !selected.isEmpty() && podLabels(deployment).entrySet().containsAll(selected.entrySet());
            }).toList();
            assertThat(covering).as("the PodDisruptionBudgets of %s's pods", name).hasSize(1);
            Map<String, Object> spec = mapAt(covering.get(0), "spec");
            int lowest = autoscaler(name).map(autoscaler -> (Integer) mapAt(autoscaler, "spec").get("minReplicas")).orElse(replicas(deployment));
            if (spec.containsKey("maxUnavailable")) {
                assertThat((Integer) spec.get("maxUnavailable")).as("%s's budget lets a pod go", name).isBetween(1, lowest - 1);
            } else {
                assertThat((Integer) spec.get("minAvailable")).as("%s's budget lets a pod go and keeps one", name).isBetween(1, lowest - 1);
            }
        }
    }

    @Test
    void onlyCommandAndQueryServiceScaleOnCpuAndNoConsumerRunsMoreReplicasThanPartitions() {
        List<Map<String, Object>> autoscalers = production.ofKind("HorizontalPodAutoscaler");
        assertThat(autoscalers).as("the HorizontalPodAutoscalers' Deployments")
                .extracting(autoscaler -> String.valueOf(mapAt(mapAt(autoscaler, "spec"), "scaleTargetRef").get("name")))
                .containsExactlyInAnyOrderElementsOf(AUTOSCALED);
        for (Map<String, Object> autoscaler : autoscalers) {
            Map<String, Object> spec = mapAt(autoscaler, "spec");
            String target = String.valueOf(mapAt(spec, "scaleTargetRef").get("name"));
            assertThat(mapAt(spec, "scaleTargetRef")).containsEntry("kind", "Deployment").containsEntry("apiVersion", "apps/v1");
            Map<String, Object> deployment = production.object("Deployment", target).orElseThrow();
            assertThat((Integer) spec.get("minReplicas")).as("%s's fewest replicas", target).isGreaterThanOrEqualTo(2).isEqualTo(replicas(deployment));
            // query-service projects its share of the partitions: a replica given none is never ready (docs/operating.md).
            assertThat((Integer) spec.get("maxReplicas")).as("%s's most replicas", target).isBetween((Integer) spec.get("minReplicas"), PARTITIONS);
            assertThat(spec.toString()).as("%s scales on CPU utilisation", target).contains("name=cpu").contains("averageUtilization");
            assertThat(mapAt(mapAt(containerOf(deployment), "resources"), "requests")).as("%s's CPU request, which utilisation is of", target)
                    .containsKey("cpu");
        }
        for (Service service : Service.values()) {
            assertThat(replicas(production.object("Deployment", service.serviceName()).orElseThrow()))
                    .as("%s's replicas, each with a share of %d partitions", service.serviceName(), PARTITIONS).isLessThanOrEqualTo(PARTITIONS);
        }
    }

    @Test
    void everyTopicOfTheCatalogueAndItsDeadLetterTopicHasAKafkaTopicThatKeepsEveryRecordOnThreeReplicas() {
        Set<String> catalogue = Topics.ALL.stream().flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic))).collect(Collectors.toSet());
        List<Map<String, Object>> kafkaTopics = production.ofKind("KafkaTopic");
        assertThat(kafkaTopics).extracting(topic -> String.valueOf(mapAt(topic, "spec").get("topicName")))
                .as("the KafkaTopics' topics").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(catalogue);

        Map<String, String> infrastructure = production.environmentOf(containerOf(production.object("Deployment", Service.COMMAND_SERVICE.serviceName()).orElseThrow()));
        String bootstrapHost = infrastructure.get("ALMANAC_KAFKA_BOOTSTRAP").split(":")[0];
        assertThat(infrastructure).as("the replicas of the topics the services create themselves")
                .containsEntry("ALMANAC_KAFKA_REPLICATION_FACTOR", String.valueOf(TOPIC_REPLICAS));
        for (Map<String, Object> kafkaTopic : kafkaTopics) {
            Map<String, Object> spec = mapAt(kafkaTopic, "spec");
            Map<String, Object> metadata = mapAt(kafkaTopic, "metadata");
            String topic = String.valueOf(spec.get("topicName"));
            assertThat(kafkaTopic.get("apiVersion")).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(name(kafkaTopic)).as("the name of %s's KafkaTopic", topic).matches(KUBERNETES_NAME).isEqualToIgnoringCase(topic);
            String cluster = String.valueOf(mapAt(metadata, "labels").get("strimzi.io/cluster"));
            // Strimzi's bootstrap Service is <cluster>-kafka-bootstrap in the cluster's namespace, which its Topic Operator watches.
            assertThat(bootstrapHost).as("the services' Kafka, the cluster of %s's KafkaTopic", topic)
                    .startsWith(cluster + "-kafka-bootstrap." + metadata.get("namespace") + ".");
            assertThat(spec.get("partitions")).as("%s's partitions", topic).isEqualTo(PARTITIONS);
            assertThat(spec.get("replicas")).as("%s's replicas", topic).isEqualTo(TOPIC_REPLICAS);
            Map<String, Object> config = mapAt(spec, "config");
            assertThat(String.valueOf(config.get("min.insync.replicas"))).as("%s's min.insync.replicas", topic).isEqualTo(String.valueOf(TOPIC_REPLICAS - 1));
            // The read models and the Kafka Streams state are rebuilt from these topics (ADR 0014); dead letters wait for a replay.
            assertThat(String.valueOf(config.get("retention.ms"))).as("%s's retention.ms", topic).isEqualTo("-1");
            assertThat(String.valueOf(config.get("cleanup.policy"))).as("%s's cleanup.policy: every event of an entity counts", topic).isEqualTo("delete");
        }
    }

    /**
     * ADR 0091: every service connects as a KafkaUser of its own, by SCRAM-SHA-512, whose ACLs are exactly its row of
     * {@link KafkaAccess#TABLE}, the table the local stack's secured broker applies; its password is the Secret the User
     * Operator writes under the user's name; the users belong to the cluster of the topics.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyServiceConnectsAsAKafkaUserWhoseAclsAreItsRowOfTheLocalBrokersTable() {
        List<Map<String, Object>> users = production.ofKind("KafkaUser");
        assertThat(users).extracting(Kustomization::name).as("the KafkaUsers")
                .containsExactlyInAnyOrderElementsOf(KafkaAccess.TABLE.stream().map(KafkaAccess::principal).toList());
        Set<Object> clusters = production.ofKind("KafkaTopic").stream()
                .map(topic -> mapAt(mapAt(topic, "metadata"), "labels").get("strimzi.io/cluster")).collect(Collectors.toSet());
        for (KafkaAccess access : KafkaAccess.TABLE) {
            String principal = access.principal();
            Map<String, Object> user = production.object("KafkaUser", principal).orElseThrow();
            assertThat(user.get("apiVersion")).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(clusters).as("the cluster of %s's KafkaUser", principal).containsExactly(mapAt(mapAt(user, "metadata"), "labels").get("strimzi.io/cluster"));
            Map<String, Object> spec = mapAt(user, "spec");
            assertThat(mapAt(spec, "authentication")).as("%s's authentication", principal).containsEntry("type", "scram-sha-512");
            Map<String, Object> authorization = mapAt(spec, "authorization");
            assertThat(authorization).as("%s's authorization", principal).containsEntry("type", "simple");
            List<KafkaAccess.Permission> acls = ((List<Map<String, Object>>) authorization.get("acls")).stream()
                    .flatMap(ProductionOverlayTest::permissions).toList();
            assertThat(acls).as("%s's ACLs in production", principal).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(access.permissions());

            List<Map<String, Object>> environment = variables(containerOf(production.object("Deployment", access.service().serviceName()).orElseThrow()));
            assertThat(environment).as("%s's Kafka user", principal)
                    .contains(Map.of("name", "ALMANAC_KAFKA_USERNAME", "value", principal));
            assertThat(environment).as("%s's Kafka password, from the Secret of its KafkaUser", principal)
                    .contains(Map.of("name", "ALMANAC_KAFKA_PASSWORD", "valueFrom", Map.of("secretKeyRef", Map.of("name", principal, "key", "password"))));
        }
    }

    /**
     * Production's Kafka traffic is encrypted: every service speaks SCRAM over TLS to the cluster's TLS listener, and trusts
     * the certificates its pod mounts from Strimzi's cluster CA Secret at the path it is given.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyServiceSpeaksScramOverTlsTrustingTheClusterCaItMounts() {
        for (Service service : Service.values()) {
            String name = service.serviceName();
            Map<String, Object> deployment = production.object("Deployment", name).orElseThrow();
            Map<String, Object> container = containerOf(deployment);
            Map<String, String> environment = production.environmentOf(container);
            assertThat(environment).as("%s's Kafka protocol", name).containsEntry("ALMANAC_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
            assertThat(environment.get("ALMANAC_KAFKA_BOOTSTRAP")).as("%s's brokers, on the TLS listener", name).endsWith(":9093");
            String certificates = environment.get("ALMANAC_KAFKA_TRUSTED_CERTIFICATES");
            assertThat(certificates).as("%s's trusted certificates", name).isNotNull();
            List<Map<String, Object>> mounts = (List<Map<String, Object>>) container.getOrDefault("volumeMounts", List.of());
            Map<String, Object> mount = mounts.stream().filter(one -> certificates.startsWith(one.get("mountPath") + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " mounts nothing at " + certificates));
            List<Map<String, Object>> volumes = (List<Map<String, Object>>) mapAt(mapAt(mapAt(deployment, "spec"), "template"), "spec")
                    .getOrDefault("volumes", List.of());
            Map<String, Object> volume = volumes.stream().filter(one -> one.get("name").equals(mount.get("name"))).findFirst().orElseThrow();
            Map<String, Object> secret = mapAt(volume, "secret");
            assertThat(secret.get("secretName")).as("%s's CA Secret", name).isEqualTo("almanac-cluster-ca-cert");
            assertThat((List<Map<String, Object>>) secret.get("items")).as("%s's CA file", name)
                    .contains(Map.of("key", "ca.crt", "path", certificates.substring(certificates.lastIndexOf('/') + 1)));
        }
    }

    /** A Strimzi ACL rule as the permissions it grants: one per operation. */
    private static Stream<KafkaAccess.Permission> permissions(Map<String, Object> acl) {
        Map<String, Object> resource = mapAt(acl, "resource");
        assertThat(acl.get("host")).as("the host of %s", acl).isEqualTo("*");
        assertThat(acl.getOrDefault("type", "allow")).as("the type of %s", acl).isEqualTo("allow");
        ResourceType type = switch (String.valueOf(resource.get("type"))) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> throw new AssertionError("a resource type Strimzi does not know: " + resource);
        };
        PatternType pattern = "prefix".equals(resource.get("patternType")) ? PatternType.PREFIXED : PatternType.LITERAL;
        return ((List<?>) acl.get("operations")).stream().map(operation -> new KafkaAccess.Permission(type, String.valueOf(resource.get("name")),
                pattern, AclOperation.fromString(String.valueOf(operation))));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> variables(Map<String, Object> container) {
        return (List<Map<String, Object>>) container.getOrDefault("env", List.of());
    }

    @Test
    void productionLogsJsonAndSetsOnlyVariablesTheCodeReadsWithNoInfrastructureOnLoopback() {
        Set<String> read = FILES.variablesTheCodeReads();
        for (Service service : Service.values()) {
            String name = service.serviceName();
            Map<String, String> environment = production.environmentOf(containerOf(production.object("Deployment", name).orElseThrow()));
            assertThat(environment).as("%s's environment", name).containsEntry("ALMANAC_LOG_FORMAT", "json");
            environment.keySet().stream().filter(variable -> variable.startsWith("ALMANAC_")).forEach(variable -> assertThat(
                    read.contains(variable) || read.stream().anyMatch(prefix -> prefix.endsWith("_") && variable.startsWith(prefix)))
                    .as("%s (%s in production) is read by the code", variable, name).isTrue());
            for (Placeholder placeholder : ContainerDeploymentTest.infrastructureRead(service)) {
                Optional<String> value = placeholder.resolvedIn(environment);
                assertThat(value).as("production sets %s for %s (%s)", placeholder.variable(), name, placeholder.property()).isPresent();
                assertThat(namesLoopback(value.get())).as("%s of %s names loopback, which is the pod itself", placeholder.variable(), name).isFalse();
            }
        }
    }

    @Test
    void theOverlayListsEveryManifestInItsDirectory() {
        Map<String, Object> kustomization = FILES.yaml(OVERLAY.resolve("kustomization.yaml"));
        Set<String> listed = Stream.of("resources", "patchesStrategicMerge")
                .flatMap(key -> ((List<?>) kustomization.getOrDefault(key, List.of())).stream().map(String::valueOf)).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(OVERLAY)) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".yaml")).filter(file -> !file.equals("kustomization.yaml")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The health contributors a service has: Spring Boot's own, {@code db} where it has a DataSource, and those its code
     * and shared-platform's declare (a {@code @Component("name")}, or a bean {@code nameHealthIndicator}).
     */
    private static Set<String> contributorsOf(String module, Map<String, String> properties) {
        Set<String> contributors = new LinkedHashSet<>(BOOT_CONTRIBUTORS);
        if (properties.keySet().stream().anyMatch(property -> property.startsWith("spring.datasource."))) {
            contributors.add("db");
        }
        for (Path sources : List.of(FILES.path(module).resolve("src/main/java"), FILES.path("shared-platform/src/main/java"))) {
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(file -> file.toString().endsWith(".java")).map(DeploymentFiles::read)
                        .filter(text -> text.contains("HealthIndicator"))
                        .forEach(text -> {
                            NAMED_COMPONENT.matcher(text).results().forEach(component -> contributors.add(component.group(1)));
                            INDICATOR_BEAN.matcher(text).results().forEach(bean -> contributors.add(bean.group(1) != null ? bean.group(1) : bean.group(2)));
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contributors;
    }

    private static Optional<Map<String, Object>> autoscaler(String deployment) {
        return production.ofKind("HorizontalPodAutoscaler").stream()
                .filter(autoscaler -> deployment.equals(mapAt(mapAt(autoscaler, "spec"), "scaleTargetRef").get("name"))).findFirst();
    }

    private static Set<String> names(List<Map<String, Object>> objects) {
        return objects.stream().map(Kustomization::name).collect(Collectors.toSet());
    }

    private static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return mapAt(mapAt(mapAt(mapAt(deployment, "spec"), "template"), "metadata"), "labels");
    }

    private static int replicas(Map<String, Object> deployment) {
        Object replicas = mapAt(deployment, "spec").get("replicas");
        return replicas == null ? 1 : (Integer) replicas;
    }

    /** A CPU quantity ({@code 250m}, {@code 1}, {@code 0.5}) in thousandths of a core. */
    private static long millicores(Object quantity) {
        String text = String.valueOf(quantity);
        return text.endsWith("m") ? Long.parseLong(text.substring(0, text.length() - 1)) : Math.round(Double.parseDouble(text) * 1000);
    }
}
