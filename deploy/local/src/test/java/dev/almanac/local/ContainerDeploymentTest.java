package dev.almanac.local;

import static dev.almanac.local.DeploymentFiles.buildArgumentsOf;
import static dev.almanac.local.DeploymentFiles.containerOf;
import static dev.almanac.local.DeploymentFiles.hostsAndPorts;
import static dev.almanac.local.DeploymentFiles.mapAt;
import static dev.almanac.local.DeploymentFiles.namesLoopback;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

import dev.almanac.console.ConsoleServer;
import dev.almanac.local.DeploymentFiles.Dockerfile;
import dev.almanac.local.DeploymentFiles.Placeholder;

/**
 * deploy/docker, deploy/compose and deploy/k8s/base agree with the code they deploy: the service modules, the
 * variables their configuration reads, their ports, their jars, and what the local stack gives them, which is what
 * runs. No Docker engine or cluster runs here, so the files are compared, not started.
 */
class ContainerDeploymentTest {

    private static final DeploymentFiles FILES = DeploymentFiles.ofThisCheckout();
    private static final String STATE_DIR = "ALMANAC_STATE_DIR";
    private static final String HEALTHY = "service_healthy";

    @Test
    void everyServiceModuleIsAServiceOfTheLocalStackOnItsPort() {
        assertThat(FILES.serviceModules()).as("the modules with an application.yml").containsExactlyInAnyOrderElementsOf(serviceNames());
        for (Service service : Service.values()) {
            assertThat(FILES.serverPortDefault(service.serviceName())).as("%s's server.port", service.serviceName()).isEqualTo(service.defaultPort());
        }
    }

    @Test
    void theImageRunsTheJarEachModuleBuildsOnTheReactorsJavaAsAUserOtherThanRoot() {
        Dockerfile dockerfile = FILES.dockerfile();
        assertThat(dockerfile.arguments("FROM")).containsExactly("eclipse-temurin:" + FILES.javaVersion() + "-jre");
        assertThat(dockerfile.arguments("USER")).last().isNotIn("root", "0");
        assertThat(dockerfile.environment()).as("the image's PORT is server.port").containsEntry("PORT", "${SERVICE_PORT}");
        assertThat(dockerfile.arguments("EXPOSE")).containsExactly("${SERVICE_PORT}");
        assertThat(dockerfile.arguments("COPY")).hasSize(1);
        String jarInTheBuild = dockerfile.arguments("COPY").get(0).split(" ")[0];

        FILES.composeServices().forEach((name, service) -> {
            if (!service.containsKey("build")) {
                return;
            }
            String jar = dockerfile.substituted(jarInTheBuild, buildArgumentsOf(service));
            assertThat(jar).as("compose's %s copies a module's build output", name).contains("/target/");
            String module = jar.substring(0, jar.indexOf("/target/"));
            assertThat(jar).as("the jar compose's %s is built from", name).isEqualTo(FILES.executableJar(module));
            assertThat(FILES.sentToTheBuild(jar)).as("Dockerfile.dockerignore lets %s into the build", jar).isTrue();
            if (serviceNames().contains(name)) {
                assertThat(module).as("the module compose's %s is built from", name).isEqualTo(name);
            }
        });
    }

    /** As AlmanacLocal starts them when ALMANAC_SERVICE_JAVA_OPTS is unset: rule-expander with its own options. */
    @Test
    void eachImageRunsItsServiceWithTheJvmOptionsTheLocalStackGivesIt() {
        Dockerfile dockerfile = FILES.dockerfile();
        for (Service service : Service.values()) {
            String options = dockerfile.substituted(dockerfile.environment().get("ALMANAC_SERVICE_JAVA_OPTS"),
                    buildArgumentsOf(composeService(service)));
            assertThat(List.of(options.split("\\s+"))).as("the JVM options of %s's image", service.serviceName())
                    .isEqualTo(service == Service.RULE_EXPANDER ? LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS
                            : LocalStack.Options.SERVING_JAVA_OPTIONS);
        }
        assertThat(dockerfile.arguments("ENTRYPOINT")).singleElement().asString().contains("java $ALMANAC_SERVICE_JAVA_OPTS -jar");
    }

    @Test
    void composeBuildsEveryServiceForItsPortAndWaitsForItsReadinessPublishingOnLoopbackOnly() {
        for (Service service : Service.values()) {
            String name = service.serviceName();
            Map<String, Object> compose = composeService(service);
            String port = String.valueOf(FILES.serverPortDefault(name));
            assertThat(buildArgumentsOf(compose)).as("%s's build arguments", name).containsEntry("SERVICE", name).containsEntry("SERVICE_PORT", port);
            assertThat(compose.get("ports")).as("%s's published ports", name).isEqualTo(List.of("127.0.0.1:" + port + ":" + port));
            assertThat(healthCheck(compose)).as("%s's health check", name).contains("http://127.0.0.1:" + port + "/actuator/health/readiness");
        }
        // Development identity trusts a header (ADR 0027): nothing of this stack may be reachable from another machine.
        FILES.composeServices().forEach((name, service) -> stringsAt(service, "ports")
                .forEach(published -> assertThat(published).as("compose's %s publishes", name).startsWith("127.0.0.1:")));
    }

    @Test
    void composeTellsEachServiceWhereItsInfrastructureIsAndStartsItOnceThatIsHealthy() {
        Map<String, Map<String, Object>> services = FILES.composeServices();
        for (Service service : Service.values()) {
            String name = service.serviceName();
            Map<String, Object> compose = composeService(service);
            Map<String, String> environment = DeploymentFiles.composeEnvironmentOf(compose);
            for (Placeholder placeholder : infrastructureRead(service)) {
                Optional<String> value = placeholder.resolvedIn(environment);
                assertThat(value).as("compose sets %s for %s (%s)", placeholder.variable(), name, placeholder.property()).isPresent();
                assertThat(namesLoopback(value.get())).as("%s of %s names loopback, which is the container itself", placeholder.variable(), name).isFalse();
                for (String host : hostsAndPorts(value.get()).keySet()) {
                    assertThat(services).as("%s of %s names %s, a compose service", placeholder.variable(), name, host).containsKey(host);
                    assertThat(services.get(host)).as("%s has a health check", host).containsKey("healthcheck");
                    assertThat(mapAt(mapAt(compose, "depends_on"), host)).as("%s starts once %s is healthy", name, host).containsEntry("condition", HEALTHY);
                }
            }
        }
    }

    @Test
    void composesInfrastructureIsWhatTheServicesAreToldAndKeepsItsDataOnNamedVolumes() {
        Map<String, Map<String, Object>> services = FILES.composeServices();
        Map<String, String> told = new LinkedHashMap<>();
        services().forEach(service -> told.putAll(DeploymentFiles.composeEnvironmentOf(composeService(service))));

        String kafka = onlyHost(told.get("ALMANAC_KAFKA_BOOTSTRAP"));
        assertThat(services.get(kafka).get("image")).as("the broker of the kafka-clients the services use").isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        assertThat(namedVolumeTargets(services.get(kafka))).as("Kafka's log.dirs is on its volume")
                .contains(DeploymentFiles.composeEnvironmentOf(services.get(kafka)).get("KAFKA_LOG_DIRS"));

        String postgresUrl = told.get("ALMANAC_POSTGRES_URL");
        Map<String, String> postgres = DeploymentFiles.composeEnvironmentOf(services.get(onlyHost(postgresUrl)));
        assertThat(postgresUrl).as("the services' database").endsWith("/" + postgres.get("POSTGRES_DB"));
        assertThat(told).as("the services' PostgreSQL user")
                .containsEntry("ALMANAC_POSTGRES_USER", postgres.get("POSTGRES_USER"))
                .containsEntry("ALMANAC_POSTGRES_PASSWORD", postgres.get("POSTGRES_PASSWORD"));

        Set<String> infrastructure = new LinkedHashSet<>();
        services().forEach(service -> infrastructureRead(service).forEach(placeholder -> placeholder
                .resolvedIn(DeploymentFiles.composeEnvironmentOf(composeService(service)))
                .ifPresent(value -> infrastructure.addAll(hostsAndPorts(value).keySet()))));
        assertThat(infrastructure).isNotEmpty();
        infrastructure.forEach(host -> assertThat(namedVolumeTargets(services.get(host))).as("%s keeps its data on a named volume", host).isNotEmpty());
    }

    /** conflict-detector's RocksDB stores restore from their changelogs, but a volume spares the restore at each start (ADR 0009). */
    @Test
    void theStateDirectoryOfEachServiceThatHasOneIsOnAComposeVolumeAndAKubernetesVolume() {
        List<Service> withState = services().filter(service -> FILES.placeholders(service.serviceName()).stream()
                .anyMatch(placeholder -> placeholder.variable().equals(STATE_DIR))).toList();
        assertThat(withState).as("the services that read %s", STATE_DIR).isNotEmpty();
        for (Service service : withState) {
            Map<String, Object> compose = composeService(service);
            String inCompose = DeploymentFiles.composeEnvironmentOf(compose).getOrDefault(STATE_DIR, imageEnvironment(compose).get(STATE_DIR));
            assertThat(namedVolumeTargets(compose)).as("%s's state directory in compose", service.serviceName()).contains(inCompose);

            Map<String, Object> deployment = deployment(service);
            Map<String, Object> container = containerOf(deployment);
            String inKubernetes = FILES.containerEnvironmentOf(container).getOrDefault(STATE_DIR, imageEnvironment(compose).get(STATE_DIR));
            Set<String> podVolumes = listAt(mapAt(mapAt(deployment, "spec"), "template").get("spec"), "volumes").stream()
                    .map(volume -> (String) volume.get("name")).collect(Collectors.toSet());
            assertThat(listAt(container, "volumeMounts")).as("%s's state directory in its Deployment", service.serviceName())
                    .anySatisfy(mount -> {
                        assertThat(mount.get("mountPath")).isEqualTo(inKubernetes);
                        assertThat(podVolumes).contains((String) mount.get("name"));
                    });
        }
    }

    @Test
    void composesGatewayRoutesEveryBackendOfTheHttpRouteToItsComposeServiceOnce() throws NoSuchMethodException {
        Map<String, Map<String, Object>> services = FILES.composeServices();
        List<String> gateways = services.entrySet().stream()
                .filter(service -> GatewayCommand.class.getName().equals(DeploymentFiles.composeEnvironmentOf(service.getValue()).get("LOADER_MAIN")))
                .map(Map.Entry::getKey).toList();
        assertThat(gateways).as("compose services that run the gateway alone").hasSize(1);
        Map<String, Object> gateway = services.get(gateways.get(0));
        // LOADER_MAIN is read by Spring Boot's PropertiesLauncher, the Main-Class of a jar repackaged in the ZIP layout.
        assertThat(buildArgumentsOf(gateway)).as("the gateway's image").containsEntry("JAR", FILES.executableJar("deploy/local"));
        assertThat(DeploymentFiles.read(FILES.path("deploy/local/pom.xml"))).as("almanac-local.jar's layout").contains("<layout>ZIP</layout>");
        assertThat(GatewayCommand.class.getMethod("main", String[].class)).as("the gateway's main").isNotNull();
        GatewayCommand.Settings settings = GatewayCommand.settings(stringsAt(gateway, "command"));

        assertThat(settings.bindAddress()).as("the gateway listens beyond its container's loopback").isEqualTo("0.0.0.0");
        assertThat(gateway.get("ports")).as("the one base URL, on 8080 as ./run-local gives it").isEqualTo(List.of("127.0.0.1:8080:" + settings.port()));
        for (Map<String, Object> backendRef : backendRefs()) {
            String backend = (String) backendRef.get("name");
            Map<String, Integer> target = hostsAndPorts(String.valueOf(settings.backends().get(backend)));
            assertThat(target).as("the gateway's URL of %s", backend).hasSize(1);
            String host = target.keySet().iterator().next();
            assertThat(services).as("the gateway reaches %s at %s", backend, host).containsKey(host);
            assertThat(buildArgumentsOf(services.get(host))).as("the port the gateway reaches %s on", backend)
                    .containsEntry("SERVICE_PORT", String.valueOf(target.get(host)));
            assertThat(mapAt(mapAt(gateway, "depends_on"), host)).as("the gateway starts once %s is healthy", host).containsEntry("condition", HEALTHY);
        }
    }

    /** The alerts match on the job, so each job is named after its service (deploy/README.md). */
    @Test
    void composesPrometheusScrapesEveryServiceUnderItsNameAndEveryFileComposeMountsExists() {
        Map<String, Object> prometheus = FILES.yaml(FILES.path("deploy/compose/prometheus.yml"));
        List<String> ruleFiles = stringsAt(prometheus, "rule_files");
        for (Service service : Service.values()) {
            String name = service.serviceName();
            assertThat(listAt(prometheus, "scrape_configs")).as("the job of %s", name).anySatisfy(job -> {
                assertThat(job).containsEntry("job_name", name).containsEntry("metrics_path", "/actuator/prometheus");
                assertThat(job.get("static_configs").toString()).contains(name + ":" + FILES.serverPortDefault(name));
            });
        }
        Map<String, String> mounted = new LinkedHashMap<>();
        FILES.composeServices().forEach((name, service) -> stringsAt(service, "volumes").stream()
                .filter(volume -> volume.startsWith("."))
                .forEach(volume -> {
                    String[] parts = volume.split(":");
                    assertThat(FILES.path("deploy/compose").resolve(parts[0]).normalize()).as("what compose's %s mounts", name).exists();
                    mounted.put(Path.of(parts[0]).normalize().toString(), parts[1]);
                }));
        assertThat(ruleFiles).hasSize(1);
        assertThat(mounted.get("../prometheus/" + ruleFiles.get(0))).as("the rules mounted where prometheus.yml names them")
                .isEqualTo(Path.of(mounted.get("prometheus.yml")).resolveSibling(ruleFiles.get(0)).toString());

        Map<String, Object> datasource = listAt(FILES.yaml(FILES.path("deploy/compose/grafana-datasource.yaml")), "datasources").get(0);
        assertThat(datasource).containsEntry("uid", "prometheus").containsEntry("type", "prometheus");
        assertThat(FILES.composeServices()).as("the datasource's Prometheus").containsKey(onlyHost((String) datasource.get("url")));
    }

    @Test
    void kubernetesRunsEveryServiceFromItsComposeImageOnItsPortWithProbesAndResources() {
        for (Service service : Service.values()) {
            String name = service.serviceName();
            int port = FILES.serverPortDefault(name);
            Map<String, Object> deployment = deployment(service);
            Map<String, Object> template = mapAt(mapAt(deployment, "spec"), "template");
            Map<String, Object> container = containerOf(deployment);

            assertThat(container.get("image")).as("%s's image", name).isEqualTo(composeService(service).get("image"));
            // The actuator has a port of its own, which only the probes and Prometheus reach (ADR 0091).
            String managementPort = FILES.containerEnvironmentOf(container).get("MANAGEMENT_SERVER_PORT");
            assertThat(managementPort).as("%s's management port", name).isNotNull().isNotEqualTo(String.valueOf(port));
            assertThat(listAt(container, "ports")).as("%s's container ports", name)
                    .containsExactly(Map.of("name", "http", "containerPort", port),
                            Map.of("name", "management", "containerPort", Integer.parseInt(managementPort)));
            assertThat(mapAt(mapAt(container, "readinessProbe"), "httpGet")).as("%s's readiness probe", name)
                    .containsEntry("path", "/actuator/health/readiness").containsEntry("port", "management");
            assertThat(mapAt(mapAt(container, "livenessProbe"), "httpGet")).as("%s's liveness probe", name)
                    .containsEntry("path", "/actuator/health/liveness").containsEntry("port", "management");
            assertThat(mapAt(mapAt(container, "resources"), "requests")).as("%s's resource requests", name).containsKeys("cpu", "memory");
            assertThat(mapAt(mapAt(template, "metadata"), "annotations")).as("%s's scrape annotations", name)
                    .containsEntry("prometheus.io/port", managementPort).containsEntry("prometheus.io/path", "/actuator/prometheus");
            assertThat(mapAt(mapAt(template, "spec"), "securityContext")).as("%s runs as a user other than root", name)
                    .containsEntry("runAsNonRoot", true);

            Map<String, Object> kubernetesService = FILES.kubernetesObject("Service", name).orElse(Map.of());
            assertThat(mapAt(mapAt(template, "metadata"), "labels")).as("the pods the Service %s selects", name)
                    .containsAllEntriesOf(mapAt(mapAt(kubernetesService, "spec"), "selector")).isNotEmpty();
            assertThat(listAt(mapAt(kubernetesService, "spec"), "ports")).as("the Service %s's ports", name).isNotEmpty()
                    .allSatisfy(servicePort -> assertThat(servicePort.get("targetPort")).isIn("http", port));
        }
    }

    @Test
    void kubernetesTellsEachServiceWhereItsInfrastructureIsAndAuthenticatesEveryRequest() {
        for (Service service : Service.values()) {
            String name = service.serviceName();
            Map<String, String> environment = FILES.containerEnvironmentOf(containerOf(deployment(service)));
            for (Placeholder placeholder : infrastructureRead(service)) {
                Optional<String> value = placeholder.resolvedIn(environment);
                assertThat(value).as("the manifests set %s for %s (%s)", placeholder.variable(), name, placeholder.property()).isPresent();
                assertThat(namesLoopback(value.get())).as("%s of %s names loopback, which is the pod itself", placeholder.variable(), name).isFalse();
            }
            assertThat(environment.getOrDefault("ALMANAC_IDENTITY_MODE", "jwt")).as("%s's identity mode (ADR 0027)", name).isNotEqualTo("development");
        }
    }

    /** A variable renamed in the code, or misspelt here, would otherwise be set and silently ignored. */
    @Test
    void everyAlmanacVariableComposeAndKubernetesSetIsOneTheCodeReads() {
        Set<String> read = FILES.variablesTheCodeReads();
        Map<String, String> set = new LinkedHashMap<>();
        services().forEach(service -> {
            DeploymentFiles.composeEnvironmentOf(composeService(service)).keySet().forEach(variable -> set.put(variable, "compose.yaml, " + service.serviceName()));
            FILES.containerEnvironmentOf(containerOf(deployment(service))).keySet().forEach(variable -> set.put(variable, "deploy/k8s/base, " + service.serviceName()));
        });
        set.entrySet().stream().filter(variable -> variable.getKey().startsWith("ALMANAC_")).forEach(variable -> assertThat(
                read.contains(variable.getKey()) || read.stream().anyMatch(prefix -> prefix.endsWith("_") && variable.getKey().startsWith(prefix)))
                .as("%s (%s) is read by the code", variable.getKey(), variable.getValue()).isTrue());
    }

    /** The console is a deployable of its own (ADR 0067): its image, port, probes and Service agree with its code. */
    @Test
    void theConsoleRunsFromItsImageOnItsPortWithProbesBehindTheHttpRoutesCatchAll() {
        Map<String, Object> compose = FILES.composeServices().get(LocalStack.CONSOLE);
        assertThat(buildArgumentsOf(compose)).containsEntry("SERVICE", "console")
                .containsEntry("SERVICE_PORT", String.valueOf(ConsoleServer.DEFAULT_PORT));
        Map<String, Object> deployment = FILES.kubernetesObject("Deployment", LocalStack.CONSOLE).orElseThrow();
        Map<String, Object> container = containerOf(deployment);
        assertThat(container.get("image")).isEqualTo(compose.get("image"));
        assertThat(listAt(container, "ports")).containsExactly(Map.of("name", "http", "containerPort", ConsoleServer.DEFAULT_PORT));
        assertThat(mapAt(mapAt(container, "readinessProbe"), "httpGet")).containsEntry("path", "/actuator/health/readiness");
        assertThat(mapAt(mapAt(container, "livenessProbe"), "httpGet")).containsEntry("path", "/actuator/health/liveness");
        assertThat(FILES.containerEnvironmentOf(container)).containsEntry("ALMANAC_CONSOLE_IDENTITY_MODE", "jwt");
        assertThat(FILES.kubernetesObject("Service", LocalStack.CONSOLE)).isPresent();
        assertThat(LocalStack.routes().route("GET", "/").map(rule -> rule.backend())).contains(LocalStack.CONSOLE);
        assertThat(LocalStack.routes().route("GET", "/api/v1/calendars").map(rule -> rule.backend())).contains("query-service");
        assertThat(LocalStack.routes().route("POST", "/")).isEmpty();
    }

    @Test
    void theHttpRouteSendsEveryRuleToAServiceAndPortTheManifestsDefine() {
        for (Map<String, Object> backendRef : backendRefs()) {
            Map<String, Object> service = FILES.kubernetesObject("Service", (String) backendRef.get("name")).orElse(Map.of());
            assertThat(listAt(mapAt(service, "spec"), "ports")).as("the ports of the Service %s", backendRef.get("name"))
                    .anySatisfy(port -> assertThat(port.get("port")).isEqualTo(backendRef.get("port")));
        }
    }

    @Test
    void theKustomizationListsEveryManifestInItsDirectory() {
        try (Stream<Path> files = Files.list(FILES.kubernetesBase())) {
            List<String> manifests = files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".yaml") || file.endsWith(".yml"))
                    .filter(file -> !file.equals("kustomization.yaml")).toList();
            assertThat(FILES.kustomizationResources()).containsExactlyInAnyOrderElementsOf(manifests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The placeholders locating infrastructure that a service reads: its application.yml's, and those of
     * shared-platform's defaults for Kafka, which every service is on, and for each store its application.yml
     * configures (a {@code spring.mongodb.database} makes {@code spring.mongodb.uri} its own).
     */
    static List<Placeholder> infrastructureRead(Service service) {
        String module = service.serviceName();
        Set<String> configured = FILES.properties(module).keySet().stream().map(ContainerDeploymentTest::family).collect(Collectors.toSet());
        configured.add("spring.kafka");
        return Stream.concat(FILES.placeholders(module).stream(),
                        FILES.platformPlaceholders().stream().filter(placeholder -> configured.contains(family(placeholder.property()))))
                .filter(Placeholder::locatesInfrastructure).toList();
    }

    /** The first two names of a property: {@code spring.kafka}, {@code spring.datasource}. */
    private static String family(String property) {
        String[] names = property.split("\\.");
        return names.length < 2 ? property : names[0] + "." + names[1];
    }

    private static Stream<Service> services() {
        return Stream.of(Service.values());
    }

    private static List<String> serviceNames() {
        return services().map(Service::serviceName).toList();
    }

    private static Map<String, Object> composeService(Service service) {
        Map<String, Object> compose = FILES.composeServices().get(service.serviceName());
        assertThat(compose).as("compose.yaml's service %s", service.serviceName()).isNotNull();
        return compose;
    }

    private static Map<String, Object> deployment(Service service) {
        Optional<Map<String, Object>> deployment = FILES.kubernetesObject("Deployment", service.serviceName());
        assertThat(deployment).as("the Deployment %s in deploy/k8s/base", service.serviceName()).isPresent();
        return deployment.get();
    }

    /** The environment the image of a compose service starts with: the Dockerfile's ENV, with that service's build arguments. */
    private static Map<String, String> imageEnvironment(Map<String, Object> compose) {
        Dockerfile dockerfile = FILES.dockerfile();
        Map<String, String> environment = new LinkedHashMap<>();
        dockerfile.environment().forEach((name, value) -> environment.put(name, dockerfile.substituted(value, buildArgumentsOf(compose))));
        return environment;
    }

    /** A compose health check's command, with the container's PORT (from compose, or else the image) in place of {@code $${PORT}}. */
    private static String healthCheck(Map<String, Object> compose) {
        String port = DeploymentFiles.composeEnvironmentOf(compose).getOrDefault("PORT", imageEnvironment(compose).get("PORT"));
        return String.join(" ", stringsAt(mapAt(compose, "healthcheck"), "test")).replace("$${PORT}", port);
    }

    /** Where a compose service mounts a named volume the file declares. */
    private static List<String> namedVolumeTargets(Map<String, Object> compose) {
        Set<String> declared = mapAt(FILES.compose(), "volumes").keySet();
        return stringsAt(compose, "volumes").stream().map(volume -> volume.split(":"))
                .filter(parts -> declared.contains(parts[0])).map(parts -> parts[1]).toList();
    }

    private static String onlyHost(String value) {
        Map<String, Integer> hosts = hostsAndPorts(value);
        assertThat(hosts).as("the host %s names", value).hasSize(1);
        return hosts.keySet().iterator().next();
    }

    private static List<Map<String, Object>> backendRefs() {
        List<Map<String, Object>> backendRefs = new ArrayList<>();
        listAt(mapAt(FILES.yaml(FILES.kubernetesBase().resolve("httproute.yaml")), "spec"), "rules")
                .forEach(rule -> backendRefs.addAll(listAt(rule, "backendRefs")));
        assertThat(backendRefs).as("the HTTPRoute's backendRefs").isNotEmpty();
        return backendRefs;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listAt(Object map, String key) {
        Object value = map instanceof Map<?, ?> ? ((Map<String, Object>) map).get(key) : null;
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringsAt(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof List<?> list ? ((List<Object>) list).stream().map(String::valueOf).toList() : List.of();
    }
}
