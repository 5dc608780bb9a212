package dev.almanac.recurrence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.almanac.recurrence.InvalidScheduleException.Problem;
import org.jspecify.annotations.Nullable;

/**
 * The rule parts of an RRULE value, checked against RFC 5545's grammar and its rules on which parts
 * go together. ical4j parses more leniently than the RFC (it accepts {@code INTERVAL=0},
 * {@code BYDAY=0FR}, a trailing comma, an ordinal with {@code FREQ=WEEKLY}, and reads an UNTIL in
 * UTC into a different type than the rule's), so every part is checked here first, naming the
 * part and what is wrong with it; ical4j then reads the checked text.
 */
final class RRuleParts {

    static final int MAX_COUNT = 10_000;
    static final int MAX_INTERVAL = 1_000;

    private static final List<String> FREQUENCIES = List.of("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY");
    private static final Set<String> BY_PARTS = Set.of("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY",
            "BYWEEKNO", "BYMONTH", "BYSETPOS");
    private static final Pattern NUMBER_LIST = Pattern.compile("[+-]?\\d{1,3}(,[+-]?\\d{1,3})*");
    private static final Pattern WEEKDAY = Pattern.compile("([+-]?\\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)");
    private static final Pattern POSITIVE = Pattern.compile("\\d{1,9}");
    private static final DateTimeFormatter BASIC_DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);

    private final String text;
    private final Map<String, String> parts;

    private RRuleParts(String text, Map<String, String> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Reads {@code FREQ=...;...}, with or without a leading {@code RRULE:}, in any letter case. */
    static RRuleParts parse(String rrule) {
        String text = rrule.strip();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6).strip();
        }
        text = text.toUpperCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw new InvalidRRuleException(Problem.INVALID_SYNTAX, "rrule is blank; expected rule parts such as FREQ=MONTHLY;BYDAY=-1FR");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(";", -1)) {
            int equals = part.indexOf('=');
            if (equals < 1 || equals == part.length() - 1) {
                throw syntax(text, part, "a rule part is NAME=VALUE");
            }
            String name = part.substring(0, equals);
            if (parts.put(name, part.substring(equals + 1)) != null) {
                throw syntax(text, part, name + " may appear only once");
            }
        }
        RRuleParts checked = new RRuleParts(text, parts);
        checked.check();
        return checked;
    }

    String text() {
        return text;
    }

    String frequency() {
        return parts.get("FREQ");
    }

    int interval() {
        return parts.containsKey("INTERVAL") ? Integer.parseInt(parts.get("INTERVAL")) : 1;
    }

    @Nullable Integer count() {
        return parts.containsKey("COUNT") ? Integer.valueOf(parts.get("COUNT")) : null;
    }

    @Nullable String value(String name) {
        return parts.get(name);
    }

    /**
     * What ical4j expands: the rule without COUNT and UNTIL, which Almanac applies itself, and with
     * RFC 5545's default {@code WKST=MO} written out. Without it ical4j takes the first day of the
     * week from the JVM's default locale (Sunday in the United States), and every other week would
     * depend on where the service runs.
     */
    String forIcal4j() {
        StringBuilder core = new StringBuilder();
        parts.forEach((name, value) -> {
            if (!name.equals("COUNT") && !name.equals("UNTIL")) {
                core.append(core.length() == 0 ? "" : ";").append(name).append('=').append(value);
            }
        });
        if (!parts.containsKey("WKST")) {
            core.append(";WKST=MO");
        }
        return core.toString();
    }

    /** UNTIL as a local date-time (inclusive), read from a floating date-time or the end of a date; null when absent or in UTC. */
    @Nullable LocalDateTime untilLocal() {
        String until = parts.get("UNTIL");
        if (until == null || until.endsWith("Z")) {
            return null;
        }
        return until.length() == 8 ? date(until).plusDays(1).atStartOfDay().minusSeconds(1) : LocalDateTime.parse(until, BASIC_DATE_TIME);
    }

    /** UNTIL given in UTC, as RFC 5545 asks for a DTSTART with a time zone; null when absent or local. */
    @Nullable Instant untilInstant() {
        String until = parts.get("UNTIL");
        if (until == null || !until.endsWith("Z")) {
            return null;
        }
        return LocalDateTime.parse(until.substring(0, until.length() - 1), BASIC_DATE_TIME).toInstant(ZoneOffset.UTC);
    }

    private void check() {
        for (Map.Entry<String, String> part : parts.entrySet()) {
            checkPart(part.getKey(), part.getValue());
        }
        String frequency = parts.get("FREQ");
        if (frequency == null) {
            throw new InvalidRRuleException(Problem.INVALID_SYNTAX, "invalid rrule '" + text + "': FREQ is required");
        }
        if (parts.containsKey("COUNT") && parts.containsKey("UNTIL")) {
            throw new InvalidRRuleException(Problem.INVALID_SYNTAX, "invalid rrule '" + text + "': COUNT and UNTIL must not both be given");
        }
        requireNotWith("BYWEEKNO", List.of("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY"), frequency);
        requireNotWith("BYYEARDAY", List.of("DAILY", "WEEKLY", "MONTHLY"), frequency);
        requireNotWith("BYMONTHDAY", List.of("WEEKLY"), frequency);
        String byDay = parts.get("BYDAY");
        if (byDay != null && hasOrdinal(byDay)
                && (!(frequency.equals("MONTHLY") || frequency.equals("YEARLY")) || (frequency.equals("YEARLY") && parts.containsKey("BYWEEKNO")))) {
            throw syntax(text, "BYDAY=" + byDay, "a weekday with an ordinal (such as -1FR) needs FREQ=MONTHLY, or FREQ=YEARLY without BYWEEKNO");
        }
        if (parts.containsKey("BYSETPOS") && parts.keySet().stream().noneMatch(name -> BY_PARTS.contains(name) && !name.equals("BYSETPOS"))) {
            throw syntax(text, "BYSETPOS=" + parts.get("BYSETPOS"), "BYSETPOS selects among the instances another BYxxx part gives, and there is none");
        }
    }

    private void checkPart(String name, String value) {
        String part = name + "=" + value;
        switch (name) {
            case "FREQ" -> {
                if (!FREQUENCIES.contains(value)) {
                    throw syntax(text, part, "FREQ is one of " + String.join(", ", FREQUENCIES));
                }
            }
            case "INTERVAL" -> {
                int interval = positive(part, value);
                if (interval > MAX_INTERVAL) {
                    throw new InvalidRRuleException(Problem.BEYOND_LIMITS, "rrule '" + text + "' in the part " + part
                            + ": INTERVAL is at most " + MAX_INTERVAL);
                }
            }
            case "COUNT" -> {
                int count = positive(part, value);
                if (count > MAX_COUNT) {
                    throw new InvalidRRuleException(Problem.BEYOND_LIMITS, "rrule '" + text + "' in the part " + part
                            + ": COUNT is at most " + MAX_COUNT);
                }
            }
            case "UNTIL" -> until(part, value);
            case "BYSECOND" -> numbers(part, value, 0, 59, false);
            case "BYMINUTE" -> numbers(part, value, 0, 59, false);
            case "BYHOUR" -> numbers(part, value, 0, 23, false);
            case "BYMONTHDAY" -> numbers(part, value, 1, 31, true);
            case "BYYEARDAY" -> numbers(part, value, 1, 366, true);
            case "BYWEEKNO" -> numbers(part, value, 1, 53, true);
            case "BYMONTH" -> numbers(part, value, 1, 12, false);
            case "BYSETPOS" -> numbers(part, value, 1, 366, true);
            case "BYDAY" -> weekdays(part, value);
            case "WKST" -> {
                if (!WEEKDAY.matcher(value).matches() || value.length() != 2) {
                    throw syntax(text, part, "WKST is a weekday: MO, TU, WE, TH, FR, SA or SU");
                }
            }
            default -> throw syntax(text, part, "unknown rule part; Almanac reads FREQ, INTERVAL, COUNT, UNTIL, "
                    + "BYSECOND, BYMINUTE, BYHOUR, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS and WKST");
        }
    }

    private int positive(String part, String value) {
        if (!POSITIVE.matcher(value).matches() || Integer.parseInt(value) < 1) {
            throw syntax(text, part, "expected a whole number of at least 1");
        }
        return Integer.parseInt(value);
    }

    private void numbers(String part, String value, int min, int max, boolean signed) {
        if (!NUMBER_LIST.matcher(value).matches()) {
            throw syntax(text, part, "expected a comma-separated list of whole numbers");
        }
        for (String item : value.split(",")) {
            int number = Integer.parseInt(item);
            boolean negative = item.startsWith("-");
            if ((negative || item.startsWith("+")) && !signed) {
                throw syntax(text, part, "'" + item + "' must not have a sign here");
            }
            int magnitude = Math.abs(number);
            if (magnitude < min || magnitude > max || (negative && magnitude == 0)) {
                throw syntax(text, part, "'" + item + "' is outside " + (signed ? "±" : "") + min + " to " + max);
            }
        }
    }

    private void weekdays(String part, String value) {
        for (String item : value.split(",", -1)) {
            var matcher = WEEKDAY.matcher(item);
            if (!matcher.matches()) {
                throw syntax(text, part, "'" + item + "' is not a weekday (MO to SU) with an optional ordinal such as 2 or -1");
            }
            String ordinal = matcher.group(1);
            if (ordinal != null) {
                int magnitude = Math.abs(Integer.parseInt(ordinal));
                if (magnitude < 1 || magnitude > 53) {
                    throw syntax(text, part, "the ordinal in '" + item + "' must be 1 to 53, with an optional sign");
                }
            }
        }
    }

    private void until(String part, String value) {
        try {
            if (value.length() == 8) {
                date(value);
            } else if (value.length() == 15 || (value.length() == 16 && value.endsWith("Z"))) {
                LocalDateTime.parse(value.substring(0, 15), BASIC_DATE_TIME);
            } else {
                throw new DateTimeParseException("wrong length", value, 0);
            }
        } catch (DateTimeParseException e) {
            throw syntax(text, part, "UNTIL is a date (20261231), a local date-time (20261231T235959) or a UTC date-time (20261231T235959Z)");
        }
    }

    private static LocalDate date(String basic) {
        return LocalDate.parse(basic, DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static boolean hasOrdinal(String byDay) {
        for (String item : byDay.split(",")) {
            if (Character.isDigit(item.charAt(0)) || item.charAt(0) == '+' || item.charAt(0) == '-') {
                return true;
            }
        }
        return false;
    }

    private void requireNotWith(String name, List<String> frequencies, String frequency) {
        if (parts.containsKey(name) && frequencies.contains(frequency)) {
            throw syntax(text, name + "=" + parts.get(name), name + " must not be used with FREQ=" + frequency);
        }
    }

    private static InvalidRRuleException syntax(String text, String part, String reason) {
        return new InvalidRRuleException(Problem.INVALID_SYNTAX, "invalid rrule '" + text + "' in the part " + part + ": " + reason);
    }
}
