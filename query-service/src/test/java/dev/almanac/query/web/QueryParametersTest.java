package dev.almanac.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.input.TextRules;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.Violation;

/** What no HTTP test can send: a lone surrogate never survives UTF-8 percent-decoding, but a caller of this class could pass one. */
class QueryParametersTest {

    @Test
    void readsTheSpaceThatAnUnencodedPlusBecomesAsTheOffsetSign() {
        QueryParameters parameters = new QueryParameters();

        assertThat(parameters.instant("from", "2026-12-01T10:00:00 05:30")).isEqualTo(Instant.parse("2026-12-01T04:30:00Z"));
        parameters.throwIfInvalid();
    }

    @Test
    void takesTheFirstAndLastInstantsOfRfc3339() {
        QueryParameters parameters = new QueryParameters();

        assertThat(parameters.instant("from", "0001-01-01T00:00:00Z")).isEqualTo(Rfc3339.MIN);
        assertThat(parameters.instant("till", "9999-12-31T23:59:59.999999999Z")).isEqualTo(Rfc3339.MAX);
        parameters.throwIfInvalid();
    }

    @Test
    void refusesALoneSurrogateInAnIdAndDoesNotEchoIt() {
        QueryParameters parameters = new QueryParameters();

        assertThat(parameters.identifier("queue", "cal-\ud800")).isNull();
        assertThat(parameters.zone("timezone", "UTC\udc00", ZoneId.of("UTC"))).isEqualTo(ZoneId.of("UTC"));

        assertThatThrownBy(parameters::throwIfInvalid).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.violations()).extracting(Violation::field, Violation::rule)
                    .containsExactly(tuple("queue", TextRules.RULE), tuple("timezone", TextRules.RULE));
            assertThat(problem.violations()).allSatisfy(violation ->
                    assertThat(violation.message().chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue());
        });
    }

    @Test
    void escapesControlCharactersWhenItEchoesABadInstant() {
        QueryParameters parameters = new QueryParameters();

        assertThat(parameters.instant("from", "2026-12-01T10:00:00Z\u0000")).isNull();

        assertThatThrownBy(parameters::throwIfInvalid).isInstanceOfSatisfying(ProblemException.class, problem ->
                assertThat(problem.violations()).singleElement().satisfies(violation -> {
                    assertThat(violation.rule()).isEqualTo(Rfc3339.RULE);
                    assertThat(violation.message()).contains(Rfc3339.DESCRIPTION, "\\u0000").doesNotContain("\u0000");
                }));
    }
}
