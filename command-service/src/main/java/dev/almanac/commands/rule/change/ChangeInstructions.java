package dev.almanac.commands.rule.change;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.rule.RuleDefinition;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.commands.rule.UpcomingOccurrences;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.Series;

/**
 * Reads an English instruction into the {@link RuleChange} it means for one rule, with the doubts the
 * reading leaves (ADR 0077): {@link PhraseParser} reads the words by its grammar, {@link ScheduleWriter}
 * writes the cron or RRULE they mean against the rule as it stands, and a skip becomes a pause that
 * ends just after the runs it skips. Nothing is expanded here; the preview expands what is read.
 */
final class ChangeInstructions {

    static final String FIELD = "instruction";
    static final String EXAMPLES = "every weekday at 9:30, at 7pm on fridays, every first monday of the month at 8am, "
            + "every 15 minutes between 9 and 17 on weekdays, move it to 10:15, an hour later, pause until Monday, "
            + "pause for 3 days, skip the next run, resume";

    private ChangeInstructions() {
    }

    /**
     * @throws CommandRejectedException 400 on {@value #FIELD}: {@code instruction_grammar} outside the grammar,
     *     {@code ambiguous} where no reading can be chosen, {@code uneven_interval}, {@code future}, {@code iana_zone},
     *     {@code business_hours}, {@code window} or {@code range}
     */
    static Reading read(String instruction, RuleSnapshot rule, Instant now) {
        ZoneId zone = rule.definition().timezone();
        Phrase phrase = PhraseParser.parse(instruction, zone, now);
        if (phrase instanceof Phrase.Pause pause) {
            return Reading.certain(RuleChange.pause(pause.resumeAfter()));
        }
        if (phrase instanceof Phrase.Resume) {
            return Reading.certain(RuleChange.resume());
        }
        if (phrase instanceof Phrase.Skip skip) {
            return skip(skip, rule, now);
        }
        return ScheduleWriter.write((Phrase.Schedule) phrase, rule, now, instruction);
    }

    /**
     * Skipping the next runs is a pause that ends a millisecond after the last of them starts: the runs
     * after it are published as before. A date's runs can be skipped so only when they are the next.
     */
    private static Reading skip(Phrase.Skip skip, RuleSnapshot rule, Instant now) {
        RuleDefinition definition = rule.definition();
        ZoneId zone = definition.timezone();
        Series series = new Series(definition.spec(rule.ruleId()), rule.exceptions());
        List<Occurrence> next = UpcomingOccurrences.startingFrom(definition, series, now, skip.date() == null ? skip.count() : 200);
        List<Occurrence> skipped;
        if (skip.date() != null) {
            LocalDate date = skip.date();
            skipped = next.stream().takeWhile(occurrence -> !occurrence.start().atZone(zone).toLocalDate().isAfter(date)).toList();
            if (skipped.stream().anyMatch(occurrence -> occurrence.start().atZone(zone).toLocalDate().isBefore(date))) {
                throw rejected("ambiguous", "the rule runs before " + date + " (next at " + UpcomingOccurrences.at(skipped.get(0).start(), zone)
                        + "), and a change request skips only the next runs; cancel that day's runs as occurrences instead");
            }
            if (skipped.isEmpty()) {
                throw rejected("range", "the rule has no run on " + date + " in " + zone + " to skip");
            }
        } else {
            skipped = next;
            if (skipped.size() < skip.count()) {
                throw rejected("range", "the rule has " + skipped.size() + " runs ahead, fewer than the " + skip.count() + " to skip");
            }
        }
        Occurrence last = skipped.get(skipped.size() - 1);
        Instant resumeAfter = last.start().plusMillis(1);
        return new Reading(RuleChange.pause(resumeAfter), List.of(new RuleChangeWarning("skip_as_pause", "skipping "
                + (skipped.size() == 1 ? "the run at " : skipped.size() + " runs, the last at ") + UpcomingOccurrences.at(last.start(), zone)
                + " is a pause that ends just after it; the rule then runs as before")));
    }

    static CommandRejectedException grammar(String why) {
        return rejected("instruction_grammar", why);
    }

    static CommandRejectedException rejected(String rule, String why) {
        return CommandRejectedException.invalid(FIELD, rule, why + ". Instructions Almanac reads: " + EXAMPLES
                + "; or send the change as a patch");
    }
}
