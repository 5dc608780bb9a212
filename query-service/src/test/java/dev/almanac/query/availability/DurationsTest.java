package dev.almanac.query.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.Violation;
import dev.almanac.query.web.QueryParameters;

class DurationsTest {

    @Test
    void readsTheShortSpellingAndIso8601() {
        assertThat(Durations.parse("30m")).contains(Duration.ofMinutes(30));
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("0m")).contains(Duration.ZERO);
        assertThat(Durations.parse("PT30M")).contains(Duration.ofMinutes(30));
        assertThat(Durations.parse("pt1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("P1DT2H")).contains(Duration.ofHours(26));
    }

    @Test
    void refusesWhatIsNotAWholeSecondDuration() {
        assertThat(Durations.parse("30")).isEmpty();
        assertThat(Durations.parse("30m1h")).isEmpty();
        assertThat(Durations.parse("1234567m")).isEmpty();
        assertThat(Durations.parse("PT0.5S")).isEmpty();
        assertThat(Durations.parse("-PT30M")).isEmpty();
        assertThat(Durations.parse(" 30m")).isEmpty();
        assertThat(Durations.parse("P" + "9".repeat(40) + "D")).isEmpty();
        assertThat(Durations.parse("")).isEmpty();
    }

    @Test
    void reportsEachBrokenBoundUnderItsRule() {
        QueryParameters parameters = new QueryParameters();

        assertThat(Durations.read(parameters, "increment", "7m", AvailabilityRequests.INCREMENT, null)).isNull();
        assertThat(Durations.read(parameters, "duration", "PT-30M", AvailabilityRequests.DURATION, null)).isNull();
        assertThat(Durations.read(parameters, "buffer", "a\u0000b", AvailabilityRequests.BUFFER, null)).isNull();
        assertThat(Durations.read(parameters, "buffer", "soon", AvailabilityRequests.BUFFER, null)).isNull();
        assertThat(Durations.read(parameters, "increment", null, AvailabilityRequests.INCREMENT, Duration.ofMinutes(30)))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.read(parameters, "increment", "2h", AvailabilityRequests.INCREMENT, null)).isEqualTo(Duration.ofHours(2));

        assertThatThrownBy(parameters::throwIfInvalid).isInstanceOfSatisfying(ProblemException.class, problem ->
                assertThat(problem.violations()).extracting(Violation::field, Violation::rule).containsExactly(
                        tuple("increment", "divides_day"), tuple("duration", "range"), tuple("buffer", "text"),
                        tuple("buffer", "pattern")));
    }

    @Test
    void speaksDurationsInTheShortSpelling() {
        assertThat(Durations.spoken(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.spoken(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.spoken(Duration.ofSeconds(3661))).isEqualTo("1h1m1s");
    }
}
