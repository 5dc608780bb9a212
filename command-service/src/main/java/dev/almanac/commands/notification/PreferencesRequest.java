package dev.almanac.commands.notification;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.web.Zones;
import dev.almanac.events.Identifiers;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.notification.ChannelChoice;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.QuietHours;
import dev.almanac.events.notification.SuppressionRule;
import dev.almanac.events.notification.WebhookFormat;
import dev.almanac.events.notification.WebhookTarget;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.Violation;
import dev.almanac.platform.secret.SecretSeal;

/**
 * {@code PUT /api/v1/notification-preferences}: the caller's whole set of preferences. Every field is checked and every
 * violation named at once, by its path ({@code webhook.url}, {@code channels.urgent}, {@code suppress[0].category}).
 */
record PreferencesRequest(
        @Nullable String zone,
        @Nullable String email,
        @Nullable Webhook webhook,
        @Nullable Map<String, List<String>> channels,
        @Nullable Quiet quietHours,
        @Nullable Digest digest,
        @Nullable List<Suppress> suppress) {

    static final int MAX_DIGEST_MINUTES = 1440;
    static final int MAX_SUPPRESSION_RULES = 50;
    /** A pragmatic check of an address (RFC 5321's length, one @, a dotted domain), not RFC 5322's full grammar. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>(),;:\\\\\\[\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern WALL_CLOCK = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    record Webhook(@Nullable String url, @Nullable String format, @Nullable String secret) {
    }

    record Quiet(@Nullable String start, @Nullable String end) {
    }

    record Digest(@Nullable Integer windowMinutes) {
    }

    record Suppress(@Nullable String category, @Nullable String calendarId) {
    }

    /** The preferences of {@code user}, the webhook's secret sealed; every violation at once as a 400 problem. */
    NotificationPreferencesSet toPreferences(UserId user, SecretSeal seal) {
        List<Violation> violations = new ArrayList<>();
        String zoneId = null;
        if (zone == null) {
            violations.add(new Violation("zone", "required", "zone is required: the IANA time zone quiet hours are read in, such as Europe/Berlin"));
        } else {
            try {
                zoneId = Zones.parse("zone", zone).getId();
            } catch (ProblemException e) {
                violations.addAll(e.violations());
            }
        }
        String address = email == null || email.isBlank() ? null : email.strip();
        if (address != null && (address.length() > 254 || !EMAIL.matcher(address).matches())) {
            violations.add(new Violation("email", "email", "email must be an address such as alice@example.com, but was '" + address + "'"));
        }
        WebhookTarget target = webhook == null ? null : webhook(violations, seal);
        List<ChannelChoice> choices = channels(violations);
        QuietHours quiet = quietHours == null ? null : quiet(violations);
        int digestMinutes = 0;
        if (digest != null) {
            Integer minutes = digest.windowMinutes();
            if (minutes == null || minutes < 0 || minutes > MAX_DIGEST_MINUTES) {
                violations.add(new Violation("digest.window_minutes", "range",
                        "digest.window_minutes must be a whole number of minutes from 0 (no digest) to " + MAX_DIGEST_MINUTES + ", but was " + minutes));
            } else {
                digestMinutes = minutes;
            }
        }
        List<SuppressionRule> rules = suppressions(violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new NotificationPreferencesSet(user, zoneId, address, target, choices, quiet, digestMinutes, rules);
    }

    private @Nullable WebhookTarget webhook(List<Violation> violations, SecretSeal seal) {
        int before = violations.size();
        String url = webhook.url();
        if (url == null || url.isBlank()) {
            violations.add(new Violation("webhook.url", "required", "webhook.url is required: the absolute http or https URL to POST to"));
        } else {
            try {
                URI uri = new URI(url.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                    violations.add(new Violation("webhook.url", "url", "webhook.url must be an absolute http or https URL with a host, but was '" + url + "'"));
                } else if (uri.getUserInfo() != null) {
                    violations.add(new Violation("webhook.url", "url", "webhook.url may not carry credentials; the request is signed instead"));
                }
            } catch (URISyntaxException e) {
                violations.add(new Violation("webhook.url", "url", "webhook.url is not a URL: " + e.getMessage()));
            }
        }
        WebhookFormat format = null;
        if (webhook.format() == null) {
            violations.add(new Violation("webhook.format", "required", "webhook.format is required: slack or json"));
        } else {
            try {
                format = WebhookFormat.valueOf(webhook.format().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("webhook.format", "enum", "webhook.format must be slack or json, but was '" + webhook.format() + "'"));
            }
        }
        String secret = webhook.secret();
        if (secret == null || secret.length() < 16 || secret.length() > 256) {
            violations.add(new Violation("webhook.secret", "length",
                    "webhook.secret is required: 16 to 256 characters, with which every request is signed (HMAC-SHA256)"));
        }
        if (violations.size() > before) {
            return null;
        }
        return new WebhookTarget(url.strip(), format, seal.seal(secret));
    }

    private List<ChannelChoice> channels(List<Violation> violations) {
        List<ChannelChoice> choices = new ArrayList<>();
        if (channels == null) {
            return choices;
        }
        for (Map.Entry<String, List<String>> entry : channels.entrySet()) {
            NotificationCategory category = category("channels." + entry.getKey(), entry.getKey(), violations);
            Set<DeliveryChannel> chosen = EnumSet.noneOf(DeliveryChannel.class);
            List<String> names = entry.getValue() == null ? List.of() : entry.getValue();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                try {
                    chosen.add(DeliveryChannel.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation("channels." + entry.getKey() + "[" + i + "]", "enum",
                            "a channel is centre, email or webhook, but was '" + name + "'"));
                }
            }
            if (category != null) {
                choices.add(new ChannelChoice(category, List.copyOf(chosen)));
            }
        }
        choices.sort(java.util.Comparator.comparing(ChannelChoice::category));
        return choices;
    }

    private @Nullable QuietHours quiet(List<Violation> violations) {
        LocalTime start = wallClock("quiet_hours.start", quietHours.start(), violations);
        LocalTime end = wallClock("quiet_hours.end", quietHours.end(), violations);
        if (start == null || end == null) {
            return null;
        }
        if (start.equals(end)) {
            violations.add(new Violation("quiet_hours.end", "distinct", "quiet_hours.end must differ from quiet_hours.start; omit quiet_hours for none"));
            return null;
        }
        return new QuietHours(start, end);
    }

    private static @Nullable LocalTime wallClock(String field, @Nullable String value, List<Violation> violations) {
        if (value == null || !WALL_CLOCK.matcher(value).matches()) {
            violations.add(new Violation(field, "local_time", field + " must be a wall-clock time HH:MM from 00:00 to 23:59, but was '" + value + "'"));
            return null;
        }
        return LocalTime.parse(value);
    }

    private List<SuppressionRule> suppressions(List<Violation> violations) {
        List<SuppressionRule> rules = new ArrayList<>();
        if (suppress == null) {
            return rules;
        }
        if (suppress.size() > MAX_SUPPRESSION_RULES) {
            violations.add(new Violation("suppress", "size", "at most " + MAX_SUPPRESSION_RULES + " suppression rules"));
            return rules;
        }
        for (int i = 0; i < suppress.size(); i++) {
            Suppress rule = suppress.get(i);
            NotificationCategory category = category("suppress[" + i + "].category", rule == null ? null : rule.category(), violations);
            String calendar = rule == null ? null : rule.calendarId();
            if (calendar != null && !Identifiers.isValid(calendar)) {
                violations.add(new Violation("suppress[" + i + "].calendar_id", "pattern", "a calendar id is 1-128 letters, digits or . _ : -, but was '" + calendar + "'"));
            } else if (category != null) {
                rules.add(new SuppressionRule(category, calendar == null ? null : CalendarId.of(calendar)));
            }
        }
        return rules;
    }

    private static @Nullable NotificationCategory category(String field, @Nullable String value, List<Violation> violations) {
        for (NotificationCategory category : NotificationCategory.values()) {
            if (category.name().toLowerCase(Locale.ROOT).equals(value)) {
                return category;
            }
        }
        violations.add(new Violation(field, "category", "a category is critical, normal or low, but was '" + value + "'"));
        return null;
    }
}
