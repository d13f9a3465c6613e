package org.hotlinepulse.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RatesUnitTest {

    private static Counts counts(long attempts, long connected, long answered, long abandoned,
                                 long shortAbandoned, long withinSl, long waitMsSum) {
        Counts c = new Counts();
        c.attempts = attempts;
        c.connected = connected;
        c.answered = answered;
        c.abandoned = abandoned;
        c.shortAbandoned = shortAbandoned;
        c.answeredWithinSl = withinSl;
        c.waitMsSum = waitMsSum;
        return c;
    }

    @Test
    void ratesFollowTheirFormulas() {
        Rates r = Rates.of(counts(20, 16, 12, 4, 1, 9, 360_000));
        assertThat(r.connectionRate().value()).isCloseTo(16 / 20.0, within(1e-12));
        assertThat(r.answerRate().value()).isCloseTo(12 / 20.0, within(1e-12));
        assertThat(r.abandonmentRate().value()).isCloseTo((4 - 1) / (16.0 - 1), within(1e-12));
        assertThat(r.serviceLevel().value()).isCloseTo(9 / (16.0 - 1), within(1e-12));
        assertThat(r.asaSeconds().value()).isCloseTo(30.0, within(1e-12));
    }

    @Test
    void noAttemptsLeavesEveryRateEmpty() {
        Rates r = Rates.of(new Counts());
        assertThat(r.connectionRate().value()).isNull();
        assertThat(r.answerRate().value()).isNull();
        assertThat(r.abandonmentRate().value()).isNull();
        assertThat(r.serviceLevel().value()).isNull();
        assertThat(r.asaSeconds().value()).isNull();
    }

    @Test
    void onlyShortAbandonsLeaveAbandonmentAndServiceLevelEmpty() {
        Rates r = Rates.of(counts(3, 2, 0, 2, 2, 0, 0));
        assertThat(r.connectionRate().value()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(r.answerRate().value()).isEqualTo(0.0);
        assertThat(r.abandonmentRate().value()).isNull();
        assertThat(r.serviceLevel().value()).isNull();
        assertThat(r.asaSeconds().value()).as("no answered call").isNull();
    }

    @Test
    void summedCountsGiveTheRateOfTheWholeNotTheMeanOfRates() {
        Counts busyHour = counts(100, 100, 50, 0, 0, 0, 0);
        Counts quietHour = counts(2, 2, 2, 0, 0, 0, 0);
        Counts day = busyHour.copy();
        day.add(quietHour);
        assertThat(Rates.of(day).answerRate().value()).isCloseTo(52 / 102.0, within(1e-12));
        assertThat(Rates.of(day).answerRate().value()).isNotCloseTo(0.75, within(0.1));
    }
}
