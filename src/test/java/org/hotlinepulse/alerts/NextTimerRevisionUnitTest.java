package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.pipeline.Attempt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What lets the detector skip the SILENT walk after a call: while {@link LineHealth#nextTimerRevision}
 * stays put, an attempt never brings {@link LineHealth#nextTimer} sooner. Checked over five weeks of
 * random traffic with gaps (SILENT episodes fire and resolve, the learned baseline becomes usable),
 * on lines with a learned, a fixed and no expected rate, and on a number missing from the directory.
 */
class NextTimerRevisionUnitTest {
    static final long MINUTE = 60_000;
    static final Outcome[] OUTCOMES = Outcome.values();

    @ParameterizedTest
    @ValueSource(strings = {AlertScenario.OFFICE, AlertScenario.ALWAYS, AlertScenario.BASELINE,
            AlertScenario.EVENING, AlertScenario.UNKNOWN})
    void betweenRevisionsAnAttemptOnlyMovesTheNextTimerLater(String number) {
        AlertScenario s = new AlertScenario(number);
        Random random = new Random(number.hashCode());
        long t = AlertScenario.at("2026-10-12T08:00");
        long end = t + 35L * 24 * 60 * MINUTE;
        int revisionsSeen = 0;
        int checked = 0;
        while (t < end) {
            // Mostly a call every few minutes; now and then hours of quiet.
            t += random.nextInt(20) < 19 ? (1 + random.nextInt(6)) * MINUTE : (1 + random.nextInt(8)) * 60 * MINUTE;
            long before = s.health.nextTimer(s.ctx());
            if (before <= t) {
                s.timer(before);
            }
            before = s.health.nextTimer(s.ctx());
            int revision = s.health.nextTimerRevision();
            s.feed(new Attempt(t, t + 40_000, OUTCOMES[random.nextInt(OUTCOMES.length)], random.nextInt(10) == 0,
                    random.nextBoolean(), false));
            long after = s.health.nextTimer(s.ctx());
            if (s.health.nextTimerRevision() != revision) {
                revisionsSeen++;
            } else if (before != Long.MAX_VALUE) {
                checked++;
                assertThat(after).as("next timer after the attempt at %d", t).isGreaterThanOrEqualTo(before);
            }
        }
        assertThat(checked).as("attempts checked").isGreaterThan(1_000);
        if (!number.equals(AlertScenario.UNKNOWN)) {
            assertThat(revisionsSeen).as("revisions (episodes resolved, hours learned)").isGreaterThan(10);
        }
    }
}
