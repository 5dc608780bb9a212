package dev.almanac.commands.rule.change;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.rule.RuleSchedule;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.commands.rule.RuleStatus;
import dev.almanac.events.rule.OccurrencePreview;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeAction;

/**
 * Phrasings with what each must be read as, from a file under {@code change-phrasings/}, and the check of
 * one against what a proposal shows. A file is sections and lines:
 *
 * <pre>
 * @ zone=America/New_York now=2027-01-05T10:00 [status=paused] rule=cron 30 2 * * *     (or rule=rrule FREQ=...;... dtstart=...)
 * phrasing | expectation [| next 2027-01-06T09:00-05:00 ...] [| ambiguous]
 * </pre>
 *
 * {@code now} is wall-clock time in the zone. An expectation is {@code cron <expr> [in <zone>]},
 * {@code rrule <RRULE> [in <zone>]} (its DTSTART the start of today in the zone), {@code zone <zone>},
 * {@code pause [<local date-time>]}, {@code resume}, {@code refused <rule>} or {@code any} (only
 * {@code next} checked). A reading is right when the proposal's next occurrences equal those of the
 * expected patch, expanded by shared-recurrence, and {@code next} lists the first of them as local
 * times; {@code ambiguous} says its confidence is below 1 with a doubt and an alternative named,
 * and its absence that the confidence is 1.
 */
final class PhrasingCorpus {

    enum Verdict {
        /** Read as expected, or refused as expected. */
        RIGHT,
        /** Refused, where a reading was expected. */
        REFUSED,
        /** A reading other than the expected one: the one outcome that must never happen. */
        MISREAD
    }

    record Case(String source, int line, String phrasing, RuleSnapshot rule, Instant now, String expectation, List<String> next,
                boolean ambiguous) {

        @Override
        public String toString() {
            return source + ":" + line + " " + phrasing;
        }
    }

    record Outcome(Verdict verdict, String detail) {
    }

    private PhrasingCorpus() {
    }

    static List<Case> load(String name) {
        String resource = "/change-phrasings/" + name;
        try (InputStream in = Objects.requireNonNull(PhrasingCorpus.class.getResourceAsStream(resource), resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Case> cases = new ArrayList<>();
            RuleSnapshot rule = null;
            Instant now = null;
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                if (text.startsWith("@")) {
                    String zoneId = value(text, "zone=");
                    ZoneId zone = ZoneId.of(zoneId);
                    now = LocalDateTime.parse(value(text, "now=")).atZone(zone).toInstant();
                    rule = rule(text.substring(text.indexOf("rule=") + 5), zone, text.contains("status=paused"));
                    continue;
                }
                String[] parts = Arrays.stream(text.split("\\|")).map(String::strip).toArray(String[]::new);
                List<String> next = List.of();
                boolean ambiguous = false;
                for (int part = 2; part < parts.length; part++) {
                    if (parts[part].startsWith("next ")) {
                        next = List.of(parts[part].substring(5).strip().split("\\s+"));
                    } else if (parts[part].equals("ambiguous")) {
                        ambiguous = true;
                    } else {
                        throw new IllegalArgumentException(resource + ":" + number + ": unknown part '" + parts[part] + "'");
                    }
                }
                cases.add(new Case(name, number, parts[0], Objects.requireNonNull(rule, "a section first"), now, parts[1], next,
                        ambiguous));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(String line, String key) {
        int start = line.indexOf(key) + key.length();
        int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }

    private static RuleSnapshot rule(String schedule, ZoneId zone, boolean paused) {
        RuleSchedule ruleSchedule;
        if (schedule.startsWith("rrule ")) {
            String[] parts = schedule.substring(6).strip().split("\\s+dtstart=");
            ruleSchedule = new RuleSchedule("", null, new RecurrenceRule(parts[0], LocalDateTime.parse(parts[1]), List.of(), List.of()));
        } else {
            ruleSchedule = new RuleSchedule(schedule.substring(5).strip(), null, null);
        }
        RuleSnapshot active = RuleSnapshots.active(ruleSchedule, zone, 0);
        return paused ? new RuleSnapshot(active.ruleId(), active.version(), active.definition(), RuleStatus.PAUSED, null, false) : active;
    }

    /** Reads the phrasing and previews it as a proposal would, and judges the result against the expectation. */
    static Outcome check(Case test) {
        Reading reading;
        RuleChangePreview preview;
        try {
            reading = ChangeInstructions.read(test.phrasing(), test.rule(), test.now());
            preview = RuleChangePreview.of(test.rule(), reading.change(), test.now(), ChangeSource.INSTRUCTION);
        } catch (CommandRejectedException refused) {
            String rule = refused.violations().get(0).rule();
            if (test.expectation().startsWith("refused ")) {
                return test.expectation().equals("refused " + rule) ? new Outcome(Verdict.RIGHT, "refused " + rule)
                        : new Outcome(Verdict.MISREAD, "refused " + rule + ", not " + test.expectation());
            }
            return new Outcome(Verdict.REFUSED, rule + ": " + refused.violations().get(0).message());
        }
        if (test.expectation().startsWith("refused ")) {
            return new Outcome(Verdict.MISREAD, "read as " + reading.change() + " where it should be " + test.expectation());
        }
        String wrong = wrongness(test, reading, preview);
        return wrong == null ? new Outcome(Verdict.RIGHT, "") : new Outcome(Verdict.MISREAD, wrong);
    }

    private static @Nullable String wrongness(Case test, Reading reading, RuleChangePreview preview) {
        RuleChange change = reading.change();
        String[] words = test.expectation().split("\\s+", 2);
        ZoneId zone = test.rule().definition().timezone();
        switch (words[0]) {
            case "cron", "rrule", "zone" -> {
                String body = words.length > 1 ? words[1] : "";
                ZoneId newZone = null;
                int in = body.lastIndexOf(" in ");
                if (words[0].equals("zone")) {
                    newZone = ZoneId.of(body.strip());
                    body = "";
                } else if (in >= 0) {
                    newZone = ZoneId.of(body.substring(in + 4).strip());
                    body = body.substring(0, in).strip();
                }
                ZoneId dtstartZone = newZone == null ? zone : newZone;
                RuleChange expected = switch (words[0]) {
                    case "cron" -> RuleChange.cron(body, null, newZone);
                    case "rrule" -> RuleChange.rrule(new RecurrenceRule(body,
                            test.now().atZone(dtstartZone).toLocalDate().atStartOfDay(), List.of(), List.of()), newZone);
                    default -> new RuleChange(RuleChangeAction.UPDATE, null, null, null, newZone, null, null, null, null);
                };
                RuleChangePreview wanted = RuleChangePreview.of(test.rule(), expected, test.now(), ChangeSource.PATCH);
                if (!starts(wanted.after().occurrences()).equals(starts(preview.after().occurrences()))
                        || !wanted.after().timezone().equals(preview.after().timezone())) {
                    return "read as " + change + ", running " + starts(preview.after().occurrences()) + "; expected "
                            + starts(wanted.after().occurrences());
                }
            }
            case "pause" -> {
                Instant end = words.length > 1 ? LocalDateTime.parse(words[1].strip()).atZone(zone).toInstant() : null;
                if (change.action() != RuleChangeAction.PAUSE || !Objects.equals(change.resumeAfter(), end)) {
                    return "read as " + change + ", expected a pause until " + end;
                }
            }
            case "resume" -> {
                if (change.action() != RuleChangeAction.RESUME) {
                    return "read as " + change + ", expected a resume";
                }
            }
            case "any" -> {
            }
            default -> throw new IllegalArgumentException(test + ": unknown expectation " + test.expectation());
        }
        List<String> local = preview.after().occurrences().stream()
                .map(occurrence -> occurrence.start().atZone(preview.after().timezone()).toOffsetDateTime().toString())
                .limit(test.next().size()).toList();
        if (!local.equals(test.next())) {
            return "runs at " + local + ", expected " + test.next() + " (read as " + change + ")";
        }
        double confidence = reading.confidence();
        boolean named = reading.notes().stream().anyMatch(note -> note.code().startsWith("ambiguous_"))
                && reading.notes().stream().anyMatch(note -> note.code().equals(Reading.ALTERNATIVE));
        if (test.ambiguous() && (confidence >= 1 || !named)) {
            return "an ambiguous phrasing read with confidence " + confidence + " and notes " + reading.notes();
        }
        if (!test.ambiguous() && confidence < 1) {
            return "a plain phrasing read with confidence " + confidence + ": " + reading.notes();
        }
        return null;
    }

    private static List<String> starts(List<OccurrencePreview> occurrences) {
        return occurrences.stream().map(occurrence -> occurrence.start() + "/" + occurrence.end()).toList();
    }
}
