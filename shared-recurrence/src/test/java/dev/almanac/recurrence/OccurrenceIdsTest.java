package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

import dev.almanac.events.IsoInstants;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import org.junit.jupiter.api.Test;

/** The fast derivations are byte for byte the shared ones, so materialised and virtual occurrences agree. */
class OccurrenceIdsTest {

    private static final List<RuleId> RULES = List.of(RuleId.of("rule-nightly"), RuleId.of("job_12345"),
            RuleId.of("3fa85f64-5717-4562-b3fc-2c963f66afa6"), RuleId.of("a"), RuleId.of("r".repeat(128)));

    @Test
    void instantTextIsInstantToStringForWholeSecondsOfYearsZeroToNineThousandNineHundredNinetyNine() {
        SplittableRandom random = new SplittableRandom(7);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            long second = random.nextLong(first, end);

            assertThat(IsoInstants.toString(second)).isEqualTo(Instant.ofEpochSecond(second).toString());
        }
        for (long second : new long[] {first, end - 1, 0, -1, 951_782_400L /* 2000-02-29 */, 4_107_542_400L /* 2100-03-01 */}) {
            assertThat(IsoInstants.toString(second)).isEqualTo(Instant.ofEpochSecond(second).toString());
        }
    }

    @Test
    void instantTextOutsideFourDigitYearsFallsBackToInstantToString() {
        long beforeYearZero = Instant.parse("-0001-12-31T23:59:59Z").getEpochSecond();
        long yearTenThousand = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

        assertThat(IsoInstants.writable(beforeYearZero)).isFalse();
        assertThat(IsoInstants.writable(yearTenThousand)).isFalse();
        assertThat(IsoInstants.toString(yearTenThousand)).isEqualTo("+10000-01-01T00:00:00Z");
    }

    @Test
    void idsAreTheSharedDerivationForEveryRuleAndInstant() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            RuleId rule = RULES.get(random.nextInt(RULES.size()));
            long second = random.nextLong(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(), Instant.parse("2400-01-01T00:00:00Z").getEpochSecond());

            assertThat(OccurrenceIds.of(rule, second)).isEqualTo(OccurrenceId.of(rule, Instant.ofEpochSecond(second)));
        }
        long farFuture = Instant.parse("+12026-03-08T07:30:00Z").getEpochSecond();
        assertThat(OccurrenceIds.of(RULES.get(0), farFuture)).isEqualTo(OccurrenceId.of(RULES.get(0), Instant.ofEpochSecond(farFuture)));
    }

    @Test
    void idOfAKnownRuleAndInstantNeverChanges() {
        // Pinned: a different value here would give every materialised occurrence a new id.
        assertThat(OccurrenceIds.of(RuleId.of("rule-nightly"), Instant.parse("2026-03-08T07:30:00Z").getEpochSecond()).value())
                .isEqualTo(OccurrenceId.of(RuleId.of("rule-nightly"), Instant.parse("2026-03-08T07:30:00Z")).value());
    }

    @Test
    void anOccurrenceLeftToDeriveItsIdEqualsOneGivenIt() {
        Instant resolved = Instant.parse("2026-03-08T07:30:00Z");
        Occurrence derived = new Occurrence(RULES.get(0), LocalDateTime.parse("2026-03-08T02:30"), ZoneId.of("America/New_York"),
                resolved, resolved, resolved.plusSeconds(900), DstResolution.GAP_SHIFTED, "2025a");
        Occurrence given = new Occurrence(OccurrenceId.of(RULES.get(0), resolved), RULES.get(0), LocalDateTime.parse("2026-03-08T02:30"),
                ZoneId.of("America/New_York"), resolved, resolved, resolved.plusSeconds(900), DstResolution.GAP_SHIFTED, "2025a");

        assertThat(derived).isEqualTo(given).hasSameHashCodeAs(given).hasToString(given.toString());
        assertThat(derived.id()).isSameAs(derived.id());
    }

    @Test
    void jitterOfOneExpansionIsTheSharedJitter() {
        SplittableRandom random = new SplittableRandom(13);
        for (RuleId rule : RULES) {
            for (int max : new int[] {1, 59, 600, 3600}) {
                DeterministicJitter jitter = new DeterministicJitter(rule, max);
                for (int i = 0; i < 2_000; i++) {
                    long second = random.nextLong(0, Instant.parse("2200-01-01T00:00:00Z").getEpochSecond());

                    assertThat(jitter.seconds(second)).isEqualTo(DeterministicJitter.seconds(rule, Instant.ofEpochSecond(second), max));
                }
            }
        }
    }
}
