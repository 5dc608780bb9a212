package dev.almanac.events.rule;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Where an executor sends each run of a rule whose job template has the type {@value #JOB_TYPE}, read from the
 * template's payload: {@code url} (absolute, http or https), {@code method} (default {@code POST}), {@code headers}
 * (names to text values) and {@code body} (any JSON; absent, the executor sends the dispatch itself). The same
 * reading refuses a bad target when a rule is written and lets the reference executor call a good one.
 */
public record HttpTarget(URI url, String method, Map<String, String> headers, @Nullable Object body) {

    public static final String JOB_TYPE = "http";
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** Headers an executor sets itself: the signature and what HTTP derives from the request. */
    public static final Set<String> RESERVED_HEADERS = Set.of("almanac-signature", "almanac-delivery", "content-length", "host",
            "connection", "transfer-encoding", "expect", "upgrade");

    private static final String PAYLOAD = "job_template.payload.";

    public HttpTarget {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * The target of {@code template}; empty when it is not an HTTP job.
     *
     * @throws Invalid naming the field and the rule when the template is an HTTP job whose target cannot work
     */
    public static Optional<HttpTarget> of(JobTemplate template) {
        if (!JOB_TYPE.equals(template.type())) {
            return Optional.empty();
        }
        Map<String, @Nullable Object> payload = template.payload();
        return Optional.of(new HttpTarget(url(payload.get("url")), method(payload.get("method")), headers(payload.get("headers")),
                payload.get("body")));
    }

    private static URI url(@Nullable Object value) {
        if (value == null) {
            throw new Invalid("url", "required", "an http job names the URL to call in payload.url");
        }
        if (!(value instanceof String text)) {
            throw new Invalid("url", "url", "payload.url must be text, an absolute http or https URL");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new Invalid("url", "url", "payload.url is not a URL: " + e.getMessage());
        }
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || scheme == null || url.isOpaque()) {
            throw new Invalid("url", "url", "payload.url " + text + " is not an absolute URL");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Invalid("url", "scheme", "payload.url must use http or https, not " + scheme);
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new Invalid("url", "host", "payload.url " + text + " names no host");
        }
        if (url.getUserInfo() != null) {
            throw new Invalid("url", "credentials", "payload.url must not carry credentials; put them in payload.headers");
        }
        return url;
    }

    private static String method(@Nullable Object value) {
        if (value == null) {
            return "POST";
        }
        if (!(value instanceof String text) || !METHODS.contains(text.toUpperCase(Locale.ROOT))) {
            throw new Invalid("method", "method", "payload.method must be one of " + METHODS.stream().sorted().toList());
        }
        return text.toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> headers(@Nullable Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new Invalid("headers", "object", "payload.headers must be an object of header names to text values");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        map.forEach((name, headerValue) -> {
            String header = String.valueOf(name);
            if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new Invalid("headers", "name", "payload.headers has a name that is not an HTTP header name: " + header);
            }
            if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                throw new Invalid("headers", "reserved", "payload.headers must not set " + header + ": the executor sets it");
            }
            if (!(headerValue instanceof String text) || text.contains("\r") || text.contains("\n")) {
                throw new Invalid("headers", "value", "payload.headers." + header + " must be text on one line");
            }
            headers.put(header, text);
        });
        return headers;
    }

    /** The job template's HTTP target cannot work: {@code field} (under {@code job_template.payload}) breaks {@code rule}. */
    public static final class Invalid extends IllegalArgumentException {

        private final String field;
        private final String rule;

        Invalid(String field, String rule, String message) {
            super(message);
            this.field = PAYLOAD + field;
            this.rule = rule;
        }

        /** The field as the request names it, for example {@code job_template.payload.url}. */
        public String field() {
            return field;
        }

        public String rule() {
            return rule;
        }
    }
}
