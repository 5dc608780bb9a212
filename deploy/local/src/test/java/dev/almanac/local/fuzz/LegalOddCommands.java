package dev.almanac.local.fuzz;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid commands with odd but legal content, generated from a seed: text from every Unicode
 * plane the rules allow, names at their maximum length, zones with 30- and 45-minute offsets,
 * extreme legal capacities, durations and jitters, instants with nanoseconds, and job payloads
 * whose keys hold dots, dollars, spaces and emoji. Whatever command-service accepts of these,
 * every consumer must be able to process.
 */
final class LegalOddCommands {

    static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Asia/Kathmandu",
            "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Pacific/Apia", "America/Sao_Paulo", "Asia/Tokyo");
    // Content is what is odd here, not volume: no rule fires more than hourly, so the shared stack is not flooded.
    private static final List<String> CRONS = List.of("0 9-17 * * 1-5", "0 9 * * 1-5", "30 2 * * *", "15 10 1,15 * *",
            "0 8 * * 1", "0 0 1 1 *", "59 23 31 12 *", "0 */6 * * *");
    private static final List<String> FRAGMENTS = List.of("Réunion", "日本語の会議", "مراجعة", "🗓️", "👩🏽‍💻", "e\u0301",
            "\u202eoverride", "tab\tinside", "line\nbreak", "quote \" and \\ backslash", "<script>alert(1)</script>",
            "'; DROP TABLE x; --", "${jndi:ldap://x}", "%00", "..", "\uD834\uDD1E", "Ω≈ç√∫", " leading and trailing ");
    private static final List<String> KEY_FRAGMENTS = List.of("a.b", "$set", "with space", "🔑", "ключ", "", "x".repeat(100),
            "nested.deep.path", "$", ".", "_id");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SplittableRandom random;
    private final String run;

    LegalOddCommands(long seed, String run) {
        this.random = new SplittableRandom(seed);
        this.run = run;
    }

    ObjectNode calendar(int index) {
        ObjectNode calendar = NODES.objectNode();
        calendar.put("id", run + "-c" + index);
        calendar.put("name", text(200));
        calendar.put("type", pick(List.of("venue", "staff", "equipment", "master", "department")));
        calendar.put("timezone", pick(ZONES));
        calendar.put("capacity", random.nextBoolean() ? 10_000 : random.nextInt(1, 10_001));
        calendar.put("overbooking_policy", "allow");
        return calendar;
    }

    ObjectNode item(int index, String calendarId) {
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).plusSeconds(random.nextLong(360L * 24 * 3600))
                .plusNanos(random.nextInt(1_000_000_000));
        Duration length = random.nextBoolean() ? Duration.ofMinutes(15) : Duration.ofMinutes(random.nextLong(15, 30L * 24 * 60 + 1));
        ObjectNode item = NODES.objectNode();
        item.put("id", run + "-i" + index);
        item.put("calendar_id", calendarId);
        item.put("title", text(200));
        item.put("type", text(64));
        item.put("start", start.toString());
        item.put("end", start.plus(length).toString());
        item.put("timezone", pick(ZONES));
        item.put("priority", pick(List.of("low", "normal", "high", "critical")));
        ArrayNode tags = item.putArray("tags");
        for (int i = random.nextInt(21); i > 0; i--) {
            tags.add(text(64));
        }
        return item;
    }

    ObjectNode rule(int index, String calendarId) {
        ObjectNode rule = NODES.objectNode();
        rule.put("id", run + "-r" + index);
        rule.put("name", text(128));
        rule.put("cron", pick(CRONS));
        rule.put("timezone", pick(ZONES));
        rule.put("queue", calendarId);
        ObjectNode template = rule.putObject("job_template");
        template.put("type", text(64));
        template.set("payload", payload(0));
        template.put("priority", random.nextInt(1, 11));
        template.put("estimated_duration", pick(List.of("1s", "5m", "1h30m", "24h", "86399s")));
        ObjectNode options = rule.putObject("options");
        options.put("jitter_seconds", random.nextBoolean() ? 3600 : random.nextInt(0, 3601));
        options.put("max_concurrent", random.nextInt(1, 1000));
        options.put("retry_policy", pick(List.of("none", "linear", "exponential")));
        options.put("catchup", random.nextBoolean());
        ObjectNode dst = options.putObject("dst_policy");
        dst.put("gap", pick(List.of("shift_forward", "skip")));
        dst.put("overlap", pick(List.of("earlier", "later", "twice")));
        ObjectNode metadata = rule.putObject("metadata");
        metadata.put("owner", text(128));
        metadata.put("description", text(2000));
        return rule;
    }

    private ObjectNode payload(int depth) {
        ObjectNode payload = NODES.objectNode();
        for (int i = random.nextInt(1, 6); i > 0; i--) {
            String key = pick(KEY_FRAGMENTS) + (random.nextBoolean() ? text(20) : "");
            switch (random.nextInt(depth < 2 ? 6 : 5)) {
                case 0 -> payload.put(key, text(300));
                case 1 -> payload.put(key, random.nextLong());
                case 2 -> payload.put(key, random.nextDouble() * 1e300);
                case 3 -> payload.putNull(key);
                case 4 -> payload.putArray(key).add(random.nextBoolean()).add(text(10)).addNull();
                default -> payload.set(key, payload(depth + 1));
            }
        }
        return payload;
    }

    /** Text of up to {@code max} UTF-16 units, never cutting a surrogate pair, never blank. */
    String text(int max) {
        StringBuilder text = new StringBuilder(pick(List.of("A", "Ä", "日", "🗓")));
        for (int i = random.nextInt(0, 6); i > 0; i--) {
            text.append(' ').append(pick(FRAGMENTS));
        }
        if (random.nextInt(5) == 0) {
            text.append("x".repeat(max));
        }
        int end = Math.min(text.length(), max);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
