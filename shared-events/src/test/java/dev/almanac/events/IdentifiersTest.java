package dev.almanac.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void acceptsClientChosenIdsAndUuids() {
        assertThat(CalendarId.of("job_12345").value()).isEqualTo("job_12345");
        assertThat(CalendarId.of("3fa85f64-5717-4562-b3fc-2c963f66afa6")).hasToString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    }

    @Test
    void rejectsIdsThatCouldBreakAPathOrAHeader() {
        assertThatThrownBy(() -> CalendarId.of("a/b")).hasMessageContaining("calendar id must match");
        assertThatThrownBy(() -> CalendarId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CalendarId.of("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyDerivedIdsHaveTheDerivedShape() {
        assertThat(Identifiers.isDerived(OccurrenceId.of(RuleId.of("rule-1"), Instant.parse("2026-03-29T01:30:00Z")).value())).isTrue();
        assertThat(Identifiers.isDerived(UUID.nameUUIDFromBytes("key".getBytes(StandardCharsets.UTF_8)).toString())).isTrue();
        assertThat(Identifiers.isDerived(UUID.randomUUID().toString())).isFalse();
        assertThat(Identifiers.isDerived("item-1")).isFalse();
    }

    @Test
    void occurrenceIdsDependOnlyOnRuleAndInstant() {
        Instant at = Instant.parse("2026-12-01T07:30:00Z");
        assertThat(OccurrenceId.of(RuleId.of("r1"), at)).isEqualTo(OccurrenceId.of(RuleId.of("r1"), at));
        assertThat(OccurrenceId.of(RuleId.of("r1"), at)).isNotEqualTo(OccurrenceId.of(RuleId.of("r2"), at));
        assertThat(OccurrenceId.of(RuleId.of("r1"), at)).isNotEqualTo(OccurrenceId.of(RuleId.of("r1"), at.plusSeconds(60)));
    }

    @Test
    void theCharacterCheckAgreesWithThePatternOnEveryCharacterInEveryPosition() {
        for (char c = 0; c < 0x3000; c++) {
            for (String candidate : new String[] {c + "x", "x" + c, "x" + c + "y", String.valueOf(c)}) {
                assertThat(Identifiers.isValid(candidate)).as("'%s' (U+%04X)", candidate, (int) c)
                        .isEqualTo(Identifiers.VALID.matcher(candidate).matches());
            }
        }
        for (int length : new int[] {0, 1, 127, 128, 129, 400}) {
            String candidate = "a".repeat(length);
            assertThat(Identifiers.isValid(candidate)).as("length %d", length).isEqualTo(Identifiers.VALID.matcher(candidate).matches());
        }
        assertThat(Identifiers.isValid(null)).isFalse();
    }

    @Test
    void derivedIdsDoNotCollideWhenPartsShift() {
        assertThat(Identifiers.derive("ab", "c")).isNotEqualTo(Identifiers.derive("a", "bc"));
    }

    @Test
    void derivedIdsAreTheJdksNameBasedUuidsOfTheJoinedParts() {
        Random random = new Random(11);
        String[] alphabet = {"a", "Z", "0", "-", ":", "\u001f", "\u00e9", "\u4e2d", "\ud83d\ude00", "\u0000", " ", "\""};
        for (int i = 0; i < 20_000; i++) {
            String[] parts = new String[1 + random.nextInt(4)];
            for (int p = 0; p < parts.length; p++) {
                StringBuilder part = new StringBuilder();
                for (int length = random.nextInt(40); length > 0; length--) {
                    part.append(alphabet[random.nextInt(alphabet.length)]);
                }
                parts[p] = part.toString();
            }
            String expected = UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
            assertThat(Identifiers.derive(parts)).as("%s", Arrays.toString(parts)).isEqualTo(expected);
        }
    }
}
