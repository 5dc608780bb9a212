package dev.almanac.local.gateway;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The rules of an HTTPRoute and the Gateway API's precedence among them: an exact path beats
 * a prefix, a longer prefix beats a shorter one, and a match that names a method beats one
 * that does not; ties go to the rule that comes first.
 */
public final class RouteTable {

    private static final Comparator<RouteRule> PRECEDENCE = Comparator
            .comparing((RouteRule rule) -> !rule.exact())
            .thenComparing(rule -> -rule.path().length())
            .thenComparing(rule -> rule.method() == null);

    private static final java.util.Set<String> SUPPORTED_MATCH_FIELDS = java.util.Set.of("path", "method");
    private static final java.util.Set<String> SUPPORTED_TIMEOUTS = java.util.Set.of("request");
    /** The Gateway API's duration (GEP-2257): up to four parts, each a number of hours, minutes, seconds or milliseconds. */
    private static final Pattern GATEWAY_DURATION = Pattern.compile("^([0-9]{1,5}(h|m|s|ms)){1,4}$");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");

    /** Where springdoc serves a service's OpenAPI document. */
    static final String OPEN_API_PATH = "/v3/api-docs";

    private final List<RouteRule> rules;

    public RouteTable(List<RouteRule> rules) {
        List<RouteRule> ordered = new ArrayList<>(rules);
        ordered.sort(PRECEDENCE);
        this.rules = List.copyOf(ordered);
    }

    public Optional<RouteRule> route(String method, String path) {
        return rules.stream().filter(rule -> rule.matches(method, path)).findFirst();
    }

    /**
     * Each backend's OpenAPI document, by backend name: the exact paths rewritten to springdoc's {@value #OPEN_API_PATH},
     * in the order of the backends' names.
     */
    public Map<String, String> openApiDocuments() {
        Map<String, String> documents = new TreeMap<>();
        rules.stream()
                .filter(rule -> rule.exact() && OPEN_API_PATH.equals(rule.replaceFullPath()))
                .forEach(rule -> documents.putIfAbsent(rule.backend(), rule.path()));
        return new LinkedHashMap<>(documents);
    }

    /** Reads the rules of an HTTPRoute manifest: path and method matches, backendRefs, URLRewrite filters and request timeouts. */
    @SuppressWarnings("unchecked")
    public static RouteTable fromHttpRoute(InputStream manifest) {
        Map<String, Object> route = new Yaml(new SafeConstructor(new LoaderOptions())).load(manifest);
        if (!"HTTPRoute".equals(route.get("kind"))) {
            throw new IllegalArgumentException("not an HTTPRoute manifest: kind is " + route.get("kind"));
        }
        List<RouteRule> rules = new ArrayList<>();
        for (Map<String, Object> rule : (List<Map<String, Object>>) ((Map<String, Object>) route.get("spec")).get("rules")) {
            List<Map<String, Object>> backendRefs = (List<Map<String, Object>>) rule.get("backendRefs");
            if (backendRefs.size() != 1) {
                throw new IllegalArgumentException("the local gateway supports exactly one backendRef per rule: " + rule);
            }
            String backend = (String) backendRefs.get(0).get("name");
            String replaceFullPath = replaceFullPath((List<Map<String, Object>>) rule.getOrDefault("filters", List.of()));
            Duration timeout = requestTimeout((Map<String, Object>) rule.getOrDefault("timeouts", Map.of()));
            for (Map<String, Object> match : (List<Map<String, Object>>) rule.get("matches")) {
                if (!SUPPORTED_MATCH_FIELDS.containsAll(match.keySet())) {
                    throw new IllegalArgumentException("the local gateway matches on path and method only: " + match);
                }
                Map<String, Object> path = (Map<String, Object>) match.get("path");
                if (!"Exact".equals(path.get("type")) && !"PathPrefix".equals(path.get("type"))) {
                    throw new IllegalArgumentException("unsupported path match type " + path.get("type"));
                }
                rules.add(new RouteRule("Exact".equals(path.get("type")), (String) path.get("value"),
                        (String) match.get("method"), backend, replaceFullPath, timeout));
            }
        }
        return new RouteTable(rules);
    }

    private static @org.jspecify.annotations.Nullable Duration requestTimeout(Map<String, Object> timeouts) {
        if (!SUPPORTED_TIMEOUTS.containsAll(timeouts.keySet())) {
            throw new IllegalArgumentException("the local gateway supports the request timeout only: " + timeouts);
        }
        Object request = timeouts.get("request");
        return request == null ? null : gatewayDuration(String.valueOf(request));
    }

    static Duration gatewayDuration(String text) {
        if (!GATEWAY_DURATION.matcher(text).matches()) {
            throw new IllegalArgumentException("not a Gateway API duration (such as 75s or 1m30s): " + text);
        }
        Duration total = Duration.ZERO;
        Matcher part = DURATION_PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static @org.jspecify.annotations.Nullable String replaceFullPath(List<Map<String, Object>> filters) {
        for (Map<String, Object> filter : filters) {
            if (!"URLRewrite".equals(filter.get("type"))) {
                throw new IllegalArgumentException("unsupported filter " + filter.get("type"));
            }
            Map<String, Object> path = (Map<String, Object>) ((Map<String, Object>) filter.get("urlRewrite")).get("path");
            if (!"ReplaceFullPath".equals(path.get("type"))) {
                throw new IllegalArgumentException("only ReplaceFullPath rewrites are supported, not " + path.get("type"));
            }
            return (String) path.get("replaceFullPath");
        }
        return null;
    }
}
