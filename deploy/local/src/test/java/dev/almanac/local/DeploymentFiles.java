package dev.almanac.local;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.almanac.embedded.EmbeddedInfrastructure;

/**
 * The container image, compose file and Kubernetes manifests under deploy/, read as text and YAML, and what they
 * deploy: the service modules, their configuration and their builds. Nothing here runs Docker or a cluster.
 */
final class DeploymentFiles {

    /** The variables the local stack sets for a service to find Kafka, PostgreSQL and MongoDB. */
    static final Set<String> INFRASTRUCTURE_VARIABLES = infrastructureVariables();

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern LOOPBACK = Pattern.compile("127\\.0\\.0\\.1|localhost|\\[::1]");
    private static final Pattern HOST_AND_PORT = Pattern.compile("(?:^|[/@,])([A-Za-z][A-Za-z0-9.-]*):(\\d+)");
    private static final Pattern CONFIGURATION_PROPERTIES = Pattern.compile("@ConfigurationProperties\\(\\s*(?:\\w+\\s*=\\s*)?\"([^\"]+)\"");
    private static final Pattern PLACEHOLDER_NAME = Pattern.compile("\\$\\{([\\w.-]+)");
    private static final Pattern ENVIRONMENT_READ = Pattern.compile("getenv\\(\"(ALMANAC_\\w+)\"\\)");
    private static final Pattern DOCKERFILE_ASSIGNMENT = Pattern.compile("([A-Za-z_]\\w*)=(\"[^\"]*\"|\\S+)");

    /**
     * A {@code ${ALMANAC_...}} placeholder of a service's configuration.
     *
     * @param property where it sits, for example {@code spring.datasource.url}
     * @param fallback what follows its colon, itself perhaps a placeholder; null without one
     */
    record Placeholder(String property, String variable, @Nullable String fallback) {

        /** Whether it says where infrastructure is: a variable of the local stack's, one without a fallback, or one falling back to loopback. */
        boolean locatesInfrastructure() {
            return INFRASTRUCTURE_VARIABLES.contains(variable) || fallback == null || LOOPBACK.matcher(fallback).find();
        }

        /** Its value in {@code environment}: the variable's, or else that of the placeholder it falls back to. */
        Optional<String> resolvedIn(Map<String, String> environment) {
            if (environment.containsKey(variable)) {
                return Optional.of(environment.get(variable));
            }
            return fallback == null ? Optional.empty()
                    : placeholders(property, fallback).stream().findFirst().flatMap(inner -> inner.resolvedIn(environment));
        }
    }

    /** A Dockerfile, its continuation lines joined and its comments dropped. */
    record Dockerfile(List<String> instructions) {

        List<String> arguments(String instruction) {
            return instructions.stream().filter(line -> line.startsWith(instruction + " "))
                    .map(line -> line.substring(instruction.length() + 1).strip()).toList();
        }

        /** Each ARG's default, unquoted; an ARG without one maps to null. */
        Map<String, @Nullable String> argumentDefaults() {
            Map<String, @Nullable String> defaults = new LinkedHashMap<>();
            for (String argument : arguments("ARG")) {
                String[] nameAndDefault = argument.split("=", 2);
                defaults.put(nameAndDefault[0], nameAndDefault.length == 1 ? null : unquoted(nameAndDefault[1]));
            }
            return defaults;
        }

        /** The ENV variables, with their values as written (before substitution). */
        Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            for (String assignments : arguments("ENV")) {
                Matcher assignment = DOCKERFILE_ASSIGNMENT.matcher(assignments);
                while (assignment.find()) {
                    environment.put(assignment.group(1), unquoted(assignment.group(2)));
                }
            }
            return environment;
        }

        /** {@code text} with every {@code ${NAME}} replaced from {@code buildArguments}, then from the ARG defaults. */
        String substituted(String text, Map<String, String> buildArguments) {
            Map<String, String> values = new LinkedHashMap<>();
            argumentDefaults().forEach((name, fallback) -> {
                String value = buildArguments.containsKey(name) ? buildArguments.get(name) : fallback;
                values.put(name, value == null ? "" : substitute(value, values));
            });
            return substitute(text, values);
        }

        private static String substitute(String text, Map<String, String> values) {
            String result = text;
            for (Map.Entry<String, String> value : values.entrySet()) {
                result = result.replace("${" + value.getKey() + "}", value.getValue());
            }
            return result;
        }

        private static String unquoted(String value) {
            return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
        }
    }

    private final Path repository;

    private DeploymentFiles(Path repository) {
        this.repository = repository;
    }

    /** The files of the checkout under test ({@link Checkout#root()}). */
    static DeploymentFiles ofThisCheckout() {
        return new DeploymentFiles(Checkout.root());
    }

    Path repository() {
        return repository;
    }

    Path path(String pathInRepository) {
        return repository.resolve(pathInRepository);
    }

    // The modules and their configuration.

    List<String> modules() {
        List<String> modules = new ArrayList<>();
        Matcher module = MODULE.matcher(read(path("pom.xml")));
        while (module.find()) {
            modules.add(module.group(1).strip());
        }
        return modules;
    }

    /** The modules that are services: those with an application.yml. */
    List<String> serviceModules() {
        return modules().stream().filter(module -> Files.isRegularFile(applicationYml(module))).toList();
    }

    private Path applicationYml(String module) {
        return path(module).resolve("src/main/resources/application.yml");
    }

    /** Every property of the module's application.yml, flattened to dotted names, with its value as text. */
    Map<String, String> properties(String module) {
        Map<String, String> properties = new LinkedHashMap<>();
        flatten("", yaml(applicationYml(module)), properties);
        return properties;
    }

    /** The default of {@code server.port}, which is {@code ${PORT:<default>}}. */
    int serverPortDefault(String module) {
        String port = properties(module).get("server.port");
        Matcher fallback = Pattern.compile("^\\$\\{PORT:(\\d+)}$").matcher(String.valueOf(port));
        if (!fallback.matches()) {
            throw new IllegalStateException(module + "'s server.port is " + port + ", not ${PORT:<default>}");
        }
        return Integer.parseInt(fallback.group(1));
    }

    List<Placeholder> placeholders(String module) {
        List<Placeholder> placeholders = new ArrayList<>();
        properties(module).forEach((property, value) -> placeholders.addAll(placeholders(property, value)));
        return placeholders;
    }

    /** The placeholders of shared-platform's defaults, which every service loads. */
    List<Placeholder> platformPlaceholders() {
        Properties defaults = new Properties();
        try {
            defaults.load(new StringReader(read(path("shared-platform/src/main/resources/almanac-platform-defaults.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Placeholder> placeholders = new ArrayList<>();
        defaults.stringPropertyNames().forEach(property -> placeholders.addAll(placeholders(property, defaults.getProperty(property))));
        return placeholders;
    }

    /** The top-level {@code ${ALMANAC_...}} placeholders of a value; a fallback's own placeholders stay inside it. */
    static List<Placeholder> placeholders(String property, String value) {
        List<Placeholder> placeholders = new ArrayList<>();
        for (String body : placeholderBodies(value)) {
            int colon = body.indexOf(':');
            String variable = colon < 0 ? body : body.substring(0, colon);
            if (variable.startsWith("ALMANAC_")) {
                placeholders.add(new Placeholder(property, variable, colon < 0 ? null : body.substring(colon + 1)));
            }
        }
        return placeholders;
    }

    /** What stands between each top-level {@code ${} and its closing brace. */
    private static List<String> placeholderBodies(String value) {
        List<String> bodies = new ArrayList<>();
        int start = value.indexOf("${");
        while (start >= 0) {
            int depth = 0;
            int end = -1;
            for (int i = start; i < value.length() && end < 0; i++) {
                if (value.startsWith("${", i)) {
                    depth++;
                    i++;
                } else if (value.charAt(i) == '}' && --depth == 0) {
                    end = i;
                }
            }
            if (end < 0) {
                throw new IllegalArgumentException("unclosed placeholder in " + value);
            }
            bodies.add(value.substring(start + 2, end));
            start = value.indexOf("${", end + 1);
        }
        return bodies;
    }

    /**
     * The environment variables the code reads, by name or by prefix (a prefix ends with {@code _}): every
     * placeholder, {@code ALMANAC_X} or {@code almanac.x-y} (which Spring also binds from {@code ALMANAC_X_Y}), in the
     * configuration and Java sources of every module but deploy's, {@code @ConfigurationProperties} prefixes, and
     * {@code System.getenv}.
     */
    Set<String> variablesTheCodeReads() {
        Set<String> read = new LinkedHashSet<>();
        for (String module : modules()) {
            Path main = path(module).resolve("src/main");
            if (module.startsWith("deploy/") || !Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(Files::isRegularFile).map(DeploymentFiles::read).forEach(text -> {
                    PLACEHOLDER_NAME.matcher(text).results().forEach(name -> read.add(environmentName(name.group(1))));
                    CONFIGURATION_PROPERTIES.matcher(text).results().forEach(prefix -> read.add(environmentName(prefix.group(1)) + "_"));
                    ENVIRONMENT_READ.matcher(text).results().forEach(variable -> read.add(variable.group(1)));
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return read;
    }

    /** The environment variable Spring binds a property from: upper case, dots and hyphens as underscores. */
    static String environmentName(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The module's executable jar, as its build names it: {@code <module>/target/<finalName>.jar}. */
    String executableJar(String module) {
        String pom = read(path(module).resolve("pom.xml"));
        String artifactId = pom.replaceFirst("(?s)<parent>.*?</parent>", "").replaceFirst("(?s).*?<artifactId>([^<]+)</artifactId>.*", "$1");
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        // Spring Boot's repackage, or a plain jar whose manifest names its main (the console's, which needs no library).
        if (!finalName.find() || !pom.contains("<goal>repackage</goal>") && !pom.contains("<mainClass>")) {
            throw new IllegalStateException(module + " builds no executable jar of a fixed name (finalName and Spring Boot's repackage, "
                    + "or a manifest's mainClass)");
        }
        return module + "/target/" + finalName.group(1).replace("${project.artifactId}", artifactId) + ".jar";
    }

    /** The {@code <java.version>} the reactor compiles for. */
    String javaVersion() {
        return read(path("pom.xml")).replaceFirst("(?s).*<java.version>([^<]+)</java.version>.*", "$1");
    }

    // deploy/docker

    Dockerfile dockerfile() {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read(path("deploy/docker/Dockerfile")).lines().toList()) {
            if (line.strip().startsWith("#") || line.isBlank()) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                instructions.add(current.toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return new Dockerfile(instructions);
    }

    /** Whether the Dockerfile's .dockerignore lets a file into the build context: the last pattern that matches it or a parent decides. */
    boolean sentToTheBuild(String pathInRepository) {
        boolean sent = true;
        for (String line : read(path("deploy/docker/Dockerfile.dockerignore")).lines().toList()) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + (exception ? pattern.substring(1) : pattern));
            for (Path candidate = Path.of(pathInRepository); candidate != null; candidate = candidate.getParent()) {
                if (matcher.matches(candidate)) {
                    sent = exception;
                    break;
                }
            }
        }
        return sent;
    }

    // deploy/compose

    Map<String, Object> compose() {
        return yaml(path("deploy/compose/compose.yaml"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> composeServices() {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    /** A compose service's {@code environment}, which this file writes as a map. */
    static Map<String, String> composeEnvironmentOf(Map<String, Object> composeService) {
        Map<String, String> environment = new LinkedHashMap<>();
        mapAt(composeService, "environment").forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    static Map<String, String> buildArgumentsOf(Map<String, Object> composeService) {
        Map<String, String> arguments = new LinkedHashMap<>();
        mapAt(mapAt(composeService, "build"), "args").forEach((name, value) -> arguments.put(name, String.valueOf(value)));
        return arguments;
    }

    /** The hosts and ports a value names: {@code kafka:9092}, {@code jdbc:postgresql://postgres:5432/almanac}. */
    static Map<String, Integer> hostsAndPorts(String value) {
        Map<String, Integer> hosts = new LinkedHashMap<>();
        HOST_AND_PORT.matcher(value).results().forEach(host -> hosts.put(host.group(1), Integer.parseInt(host.group(2))));
        return hosts;
    }

    static boolean namesLoopback(String value) {
        return LOOPBACK.matcher(value).find();
    }

    // deploy/k8s/base

    Path kubernetesBase() {
        return path("deploy/k8s/base");
    }

    @SuppressWarnings("unchecked")
    List<String> kustomizationResources() {
        return (List<String>) yaml(kubernetesBase().resolve("kustomization.yaml")).get("resources");
    }

    /** Every object of every resource the kustomization lists. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> kubernetesObjects() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String resource : kustomizationResources()) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(kubernetesBase().resolve(resource)))) {
                if (document != null) {
                    objects.add((Map<String, Object>) document);
                }
            }
        }
        return objects;
    }

    Optional<Map<String, Object>> kubernetesObject(String kind, String name) {
        return kubernetesObjects().stream()
                .filter(object -> kind.equals(object.get("kind")) && name.equals(mapAt(object, "metadata").get("name")))
                .findFirst();
    }

    /** The Deployment's one container. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> containerOf(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = (List<Map<String, Object>>) mapAt(mapAt(mapAt(deployment, "spec"), "template"), "spec").get("containers");
        if (containers.size() != 1) {
            throw new IllegalStateException("a Deployment of Almanac runs one container, not " + containers.size());
        }
        return containers.get(0);
    }

    /** A container's environment: what its envFrom ConfigMaps and Secrets hold, then its own env. */
    @SuppressWarnings("unchecked")
    Map<String, String> containerEnvironmentOf(Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> source : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
            if (source.containsKey("configMapRef")) {
                kubernetesObject("ConfigMap", (String) mapAt(source, "configMapRef").get("name"))
                        .ifPresent(configMap -> mapAt(configMap, "data").forEach((name, value) -> environment.put(name, String.valueOf(value))));
            }
            if (source.containsKey("secretRef")) {
                kubernetesObject("Secret", (String) mapAt(source, "secretRef").get("name")).ifPresent(secret -> {
                    mapAt(secret, "data").forEach((name, value) -> environment.put(name,
                            new String(Base64.getDecoder().decode(String.valueOf(value)), StandardCharsets.UTF_8)));
                    mapAt(secret, "stringData").forEach((name, value) -> environment.put(name, String.valueOf(value)));
                });
            }
        }
        for (Map<String, Object> variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            environment.put((String) variable.get("name"), String.valueOf(variable.get("value")));
        }
        return environment;
    }

    // Reading

    Map<String, Object> yaml(Path file) {
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
        return document == null ? Map.of() : document;
    }

    /** The map at {@code key}, or an empty one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mapAt(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Map<?, ?> nested ? (Map<String, Object>) nested : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, String> properties) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, (Map<String, Object>) nested, properties);
            } else {
                properties.put(name, String.valueOf(value));
            }
        });
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> infrastructureVariables() {
        Set<String> variables = new LinkedHashSet<>();
        for (Field field : EmbeddedInfrastructure.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (value.startsWith("ALMANAC_")) {
                        variables.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return variables;
    }
}
