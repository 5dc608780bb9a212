package dev.almanac.query.limits;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

/**
 * The families of reads that each have a budget of their own: what a request costs the service decides its family, so
 * that a calendar app polling its feed cannot use up a person's budget for views, nor a scraper of views the exports.
 */
enum ReadFamily {
    /** Views, entries, the window, lists and details: cheap key lookups that a console makes many of. */
    READS("reads"),
    /** Exports (iCalendar, CSV, PDF, XLSX) and subscription feeds: each renders a whole calendar's range. */
    EXPORTS("exports"),
    /** The change feed, which sync clients poll. */
    CHANGES("changes");

    private final String policyName;

    ReadFamily(String policyName) {
        this.policyName = policyName;
    }

    /** The name in the RateLimit and RateLimit-Policy headers and in problems. */
    String policyName() {
        return policyName;
    }

    /**
     * The family of a request, or null when no read budget applies: commands (command-service limits those), the live
     * stream (capped by open streams instead), and anything outside the API.
     */
    static @Nullable ReadFamily of(@Nullable HttpMethod method, String path) {
        if (!(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) || !path.startsWith("/api/")) {
            return null;
        }
        if (path.equals("/api/v1/stream")) {
            return null;
        }
        if (path.startsWith("/api/v1/feeds/") || (path.startsWith("/api/v1/calendars/") && path.contains("/export"))) {
            return EXPORTS;
        }
        if (path.equals("/api/v1/changes")) {
            return CHANGES;
        }
        return READS;
    }
}
