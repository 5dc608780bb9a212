package dev.almanac.local.gateway;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One match of an HTTPRoute rule with where it sends a request.
 *
 * @param exact           true for an {@code Exact} path match, false for {@code PathPrefix}
 * @param path            the path or prefix
 * @param method          the HTTP method, or null to match any
 * @param backend         the Kubernetes service name of the backend
 * @param replaceFullPath the path an {@code URLRewrite ReplaceFullPath} filter sends instead, or null
 * @param timeout         how long the backend may take to answer ({@code timeouts.request}), or null for the gateway's default
 */
public record RouteRule(boolean exact, String path, @Nullable String method, String backend, @Nullable String replaceFullPath,
                        @Nullable Duration timeout) {

    public boolean matches(String requestMethod, String requestPath) {
        if (method != null && !method.equals(requestMethod.toUpperCase(Locale.ROOT))) {
            return false;
        }
        if (exact) {
            return path.equals(requestPath);
        }
        // Gateway API prefixes match whole path elements: /api/v1 matches /api/v1/x, not /api/v1x.
        String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return requestPath.equals(prefix) || requestPath.startsWith(prefix + "/") || prefix.isEmpty();
    }

    /** Whether it is the prefix {@code /}, which matches every path: the console's route, which yields to the gateway's own pages. */
    public boolean catchAll() {
        return !exact && "/".equals(path);
    }

    public String upstreamPath(String requestPath) {
        return replaceFullPath == null ? requestPath : replaceFullPath;
    }
}
