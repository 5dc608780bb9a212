package dev.almanac.commands.rule.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.rule.RuleSnapshot;

/** Whatever words come, an instruction is read or refused as a 400 or 409 naming a rule: never a crash, so never a 500. */
class ChangeInstructionsRobustnessTest {

    private static final String[] WORDS = {"every", "each", "other", "second", "first", "last", "the", "of", "month", "week",
            "day", "days", "weekday", "weekends", "monday", "fri", "mon-fri", "to", "and", ",", "&", "at", "on", "in", "between",
            "from", "until", "for", "by", "later", "earlier", "back", "forward", "an", "a", "half", "quarter", "past", "hour",
            "hours", "minutes", "min", "6", "18", "0", "12", "25", "99", "9:30", "6.30pm", "13pm", "noon", "midnight", "am", "pm",
            "o'clock", "1st", "31st", "32nd", "0th", "twice", "once", "three", "times", "hourly", "daily", "monthly", "weekly",
            "fortnightly", "pause", "resume", "skip", "next", "run", "runs", "tomorrow", "today", "2027-02-30", "2027-03-14",
            "01/02/2027", "Europe/London", "Mars/Base", "utc", "instead", "except", "morning", "evening", "night", "starting",
            "during", "business", "hours", "-", "'s", "please", "it", "at minute", "59", "60", "every 7", "tonight", "?"};

    @Test
    void randomPhrasesAreReadOrRefusedNeverCrashed() {
        Random random = new Random(Long.getLong("seed", 77));
        Instant now = Instant.parse("2027-01-05T15:00:00Z");
        List<RuleSnapshot> rules = List.of(RuleSnapshots.cron("30 2 * * *"), RuleSnapshots.cron("*/15 * * * *"),
                RuleSnapshots.cron("0 9,17 * * 1-5"), RuleSnapshots.rrule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
                        "2026-12-07T09:00:00", List.of(), List.of()));
        List<String> crashes = new ArrayList<>();
        for (int round = 0; round < Integer.getInteger("rounds", 10_000); round++) {
            StringBuilder phrase = new StringBuilder();
            for (int word = 1 + random.nextInt(7); word > 0; word--) {
                phrase.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            }
            RuleSnapshot rule = rules.get(random.nextInt(rules.size()));
            try {
                Reading reading = ChangeInstructions.read(phrase.toString(), rule, now);
                RuleChangePreview.of(rule, reading.change(), now, ChangeSource.INSTRUCTION);
            } catch (CommandRejectedException refused) {
                assertThat(refused.violations()).isNotEmpty();
            } catch (RuntimeException crash) {
                crashes.add("'" + phrase + "' on " + rule.definition().schedule() + ": " + crash);
            }
        }
        assertThat(crashes).as(String.join("\n", crashes.subList(0, Math.min(20, crashes.size())))).isEmpty();
    }
}
