package dev.almanac.local.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.local.Checkout;
import dev.almanac.local.Service;

/**
 * The Grafana dashboards and Prometheus files under deploy/, and the metrics their expressions
 * read: each with the services (or the gateway) that must expose it.
 */
public final class MonitoringFiles {

    /** Series Prometheus makes itself for every target; no service exposes them. */
    public static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");
    /** The gateway's name in its dashboard's file, its Prometheus job and its {@code service} label. */
    public static final String GATEWAY = "gateway";
    /** The dashboard across every service: each of its selectors names the service whose metric it reads. */
    public static final String OVERVIEW = "overview";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)");

    /** A metric an expression reads, where, and which services must expose it (empty: any of them). */
    public record Reference(String metric, Set<String> services, String where) {
    }

    /** One expression and where it is. */
    public record Expression(String promQl, String where, String dashboardService) {
    }

    private final Path deploy;

    private MonitoringFiles(Path deploy) {
        this.deploy = deploy;
    }

    /** The files of the checkout under test ({@link Checkout#root()}). */
    public static MonitoringFiles ofThisCheckout() {
        return new MonitoringFiles(Checkout.root().resolve("deploy"));
    }

    public Path deploy() {
        return deploy;
    }

    /** Each dashboard, by the name of the service (or the gateway) it shows. */
    public Map<String, JsonNode> dashboards() {
        Map<String, JsonNode> dashboards = new TreeMap<>();
        try (Stream<Path> files = Files.list(deploy.resolve("grafana/dashboards"))) {
            files.filter(file -> file.toString().endsWith(".json")).forEach(file -> dashboards.put(
                    file.getFileName().toString().replaceFirst("\\.json$", ""), JSON.readTree(read(file))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dashboards;
    }

    public Map<String, Object> prometheusRules() {
        return yaml("prometheus/almanac-rules.yml");
    }

    public Map<String, Object> yaml(String pathUnderDeploy) {
        return new Yaml().load(read(deploy.resolve(pathUnderDeploy)));
    }

    /** Every rule of every group of almanac-rules.yml. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) prometheusRules().get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** The series the recording rules make. */
    public Set<String> recorded() {
        Set<String> recorded = new LinkedHashSet<>();
        rules().stream().filter(rule -> rule.containsKey("record")).forEach(rule -> recorded.add((String) rule.get("record")));
        return recorded;
    }

    /** Every PromQL expression: the dashboards' targets and variable queries, and the rules' expressions. */
    public List<Expression> expressions() {
        List<Expression> expressions = new ArrayList<>();
        dashboards().forEach((service, dashboard) -> {
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    expressions.add(new Expression(target.path("expr").asString(""),
                            service + ".json, panel '" + panel.path("title").asString() + "'", service));
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asString().equals("query")) {
                    String query = variable.path("query").isObject() ? variable.path("query").path("query").asString()
                            : variable.path("query").asString();
                    Matcher labelValues = LABEL_VALUES.matcher(query);
                    expressions.add(new Expression(labelValues.matches() ? labelValues.group(1) : query,
                            service + ".json, variable $" + variable.path("name").asString(), service));
                }
            }
        });
        for (Map<String, Object> rule : rules()) {
            String name = rule.containsKey("alert") ? "alert " + rule.get("alert") : "record " + rule.get("record");
            expressions.add(new Expression(String.valueOf(rule.get("expr")), "almanac-rules.yml, " + name, null));
        }
        return expressions;
    }

    /**
     * The metrics the expressions read that some service must expose: neither recorded by the
     * rules nor made by Prometheus. A selector's service (or job, named after it) says which
     * service; without one, a dashboard's metric is its own service's and a rule's is anyone's.
     */
    public List<Reference> references() {
        Set<String> recorded = recorded();
        List<Reference> references = new ArrayList<>();
        for (Expression expression : expressions()) {
            for (PromQl.Selector selector : PromQl.selectors(expression.promQl())) {
                if (recorded.contains(selector.metric()) || MADE_BY_PROMETHEUS.contains(selector.metric())) {
                    continue;
                }
                Set<String> services = new LinkedHashSet<>(selector.valuesOf("service"));
                services.addAll(selector.valuesOf("job"));
                if (services.isEmpty() && expression.dashboardService() != null) {
                    services.add(expression.dashboardService());
                }
                references.add(new Reference(selector.metric(), services, expression.where()));
            }
        }
        return references;
    }

    /**
     * What the references miss in {@code exposed} (metric names by service), one line each. No
     * metric is let pass: those the services register only on a failure (none read so far) would
     * need an allow-list here.
     */
    public List<String> missingFrom(Map<String, Set<String>> exposed) {
        List<String> missing = new ArrayList<>();
        for (Reference reference : references()) {
            boolean found = reference.services().isEmpty()
                    ? exposed.values().stream().anyMatch(names -> names.contains(reference.metric()))
                    : reference.services().stream().allMatch(service -> exposed.getOrDefault(service, Set.of()).contains(reference.metric()));
            if (!found) {
                missing.add(reference.metric() + " (" + reference.where() + ", expected from "
                        + (reference.services().isEmpty() ? "any service" : String.join(", ", reference.services())) + ")");
            }
        }
        return missing;
    }

    /** The metric names of a Prometheus text exposition: each sample's name, without labels. */
    public static Set<String> metricNames(String exposition) {
        Set<String> names = new LinkedHashSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    /** What Prometheus scrapes and a dashboard shows: every service and the gateway, as the dashboards and the stack name them. */
    public static List<String> scrapeTargetNames() {
        return Stream.concat(Stream.of(Service.values()).map(Service::serviceName), Stream.of(GATEWAY)).toList();
    }

    /** The metric names of every service and of the gateway, by {@linkplain #scrapeTargetNames() name}. */
    public static Map<String, Set<String>> byScrapeTarget(Function<Service, Set<String>> services, Supplier<Set<String>> gateway) {
        Map<String, Set<String>> exposed = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            exposed.put(service.serviceName(), services.apply(service));
        }
        exposed.put(GATEWAY, gateway.get());
        return exposed;
    }

    /**
     * The metric names src/test/resources/monitoring/{@code <target>.metrics} lists for a service or the gateway:
     * what it exposed on /actuator/prometheus once it had served requests (each file says how to refresh it).
     */
    public static Set<String> namesOnFile(String scrapeTarget) {
        try (InputStream names = MonitoringFiles.class.getResourceAsStream("/monitoring/" + scrapeTarget + ".metrics")) {
            if (names == null) {
                throw new IllegalArgumentException("no monitoring/" + scrapeTarget + ".metrics on the test class path");
            }
            return metricNames(new String(names.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
