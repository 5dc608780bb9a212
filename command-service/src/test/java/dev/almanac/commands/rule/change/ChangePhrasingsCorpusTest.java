package dev.almanac.commands.rule.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every phrasing of the corpus is read as it should be: its proposal's next occurrences are those of
 * the schedule written beside it, in New York, London, Kolkata, Kathmandu, Adelaide, Eucla and
 * St John's, over DST weeks too; an ambiguous one says so. The held-out set is the benchmark's alone.
 */
class ChangePhrasingsCorpusTest {

    static List<PhrasingCorpus.Case> corpus() {
        return PhrasingCorpus.load("corpus.txt");
    }

    @Test
    void theCorpusHoldsAtLeast200Phrasings() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachPhrasingIsReadAsItsExpectedSchedule(PhrasingCorpus.Case phrasing) {
        PhrasingCorpus.Outcome outcome = PhrasingCorpus.check(phrasing);

        assertThat(outcome.verdict()).as(outcome.detail()).isEqualTo(PhrasingCorpus.Verdict.RIGHT);
    }
}
