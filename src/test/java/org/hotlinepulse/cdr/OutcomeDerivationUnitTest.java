package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeDerivationUnitTest {

    @ParameterizedTest(name = "answered={0} cause={1} released_by={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            // answer_time wins over everything
            "true,  -,   -,       ANSWERED",
            "true,  17,  CALLER,  ANSWERED",
            "true,  1,   HOTLINE, ANSWERED",
            "true,  19,  -,       ANSWERED",
            // busy causes, whoever hung up
            "false, 17,  -,       BUSY",
            "false, 34,  -,       BUSY",
            "false, 42,  -,       BUSY",
            "false, 17,  CALLER,  BUSY",
            "false, 42,  HOTLINE, BUSY",
            // any other cause than 16, 18, 19, 31, 102 is a failure, whoever hung up
            "false, 1,   -,       FAILED",
            "false, 2,   -,       FAILED",
            "false, 3,   -,       FAILED",
            "false, 27,  -,       FAILED",
            "false, 28,  -,       FAILED",
            "false, 38,  -,       FAILED",
            "false, 41,  -,       FAILED",
            "false, 0,   -,       FAILED",
            "false, 21,  CALLER,  FAILED",
            "false, 127, HOTLINE, FAILED",
            // normal clearing: the side that hung up decides
            "false, 16,  CALLER,  ABANDONED",
            "false, 18,  CALLER,  ABANDONED",
            "false, 19,  CALLER,  ABANDONED",
            "false, 31,  CALLER,  ABANDONED",
            "false, 102, CALLER,  ABANDONED",
            "false, -,   CALLER,  ABANDONED",
            "false, 16,  HOTLINE, NO_ANSWER",
            "false, 31,  HOTLINE, NO_ANSWER",
            "false, -,   HOTLINE, NO_ANSWER",
            // no released_by: 18, 19, 102 are no answer; 16, 31 and no cause abandoned
            "false, 18,  -,       NO_ANSWER",
            "false, 19,  -,       NO_ANSWER",
            "false, 102, -,       NO_ANSWER",
            "false, 16,  -,       ABANDONED",
            "false, 31,  -,       ABANDONED",
            "false, -,   -,       ABANDONED",
    })
    void derivesEachRowOfDesignSection3(boolean answered, Integer cause, ReleasedBy releasedBy, Outcome expected) {
        CdrFixtures.Builder b = CdrFixtures.cdr().releaseCause(cause).releasedBy(releasedBy);
        if (answered) {
            b.answerAfter(Duration.ofSeconds(10));
        }
        assertThat(OutcomeDerivation.derive(b.buildUnchecked())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ANSWERED", "BUSY", "FAILED"})
    void ignoresAGivenOutcome(Outcome given) {
        Cdr cdr = CdrFixtures.cdr().releaseCause(16).releasedBy(ReleasedBy.CALLER).outcome(given).buildUnchecked();
        assertThat(OutcomeDerivation.derive(cdr)).isEqualTo(Outcome.ABANDONED);
    }
}
