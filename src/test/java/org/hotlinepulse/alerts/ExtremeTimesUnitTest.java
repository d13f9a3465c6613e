package org.hotlinepulse.alerts;

import org.hotlinepulse.pipeline.Attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.alerts.AlertScenario.at;

import java.util.List;
import org.hotlinepulse.avro.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The rules at the ends of time (issue 12, item 4): the watermark is Long.MIN_VALUE before the
 * first one arrives and Long.MAX_VALUE at the end of a bounded input, and a time computed from
 * either must neither overflow nor fire anything.
 */
class ExtremeTimesUnitTest {

    /** No baseline, a directory baseline, 24x7 without baseline, 24x7 with one. */
    static final List<String> LINES = List.of(AlertScenario.OFFICE, AlertScenario.BASELINE, AlertScenario.ALWAYS,
            AlertScenario.BUSY_LINE);

    @Test
    void beforeTheFirstWatermarkNothingIsDue() {
        for (String line : LINES) {
            AlertScenario s = new AlertScenario(line);
            s.earliest = Long.MIN_VALUE;
            assertThat(s.health.nextTimer(s.ctx())).as(line).isEqualTo(Long.MAX_VALUE);
            assertThat(s.timer(Long.MIN_VALUE)).as(line).isEmpty();
            assertThat(s.timer(Long.MAX_VALUE)).as(line).isEmpty();
        }
    }

    @Test
    void aQuietThatBeginsAtTheEndOfTimeNeverFires() {
        for (String line : LINES) {
            for (long earliest : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1}) {
                AlertScenario s = new AlertScenario(line);
                s.earliest = earliest;
                assertThat(s.health.nextTimer(s.ctx())).as(line + " from " + earliest).isEqualTo(Long.MAX_VALUE);
                assertThat(s.timer(Long.MAX_VALUE)).as(line + " from " + earliest).isEmpty();
            }
        }
    }

    @Test
    void aQuietThatBeginsADayBeforeTheEndOfTimeIsJudgedAsFarAsTimeGoes() {
        long earliest = Long.MAX_VALUE - 86_400_000L;
        for (String line : LINES) {
            AlertScenario s = new AlertScenario(line);
            s.earliest = earliest;
            assertThat(s.health.nextTimer(s.ctx())).as(line).isGreaterThan(earliest);
            assertThat(s.timer(earliest)).as(line).isEmpty();
        }
        AlertScenario busy = new AlertScenario(AlertScenario.BUSY_LINE);
        busy.earliest = earliest;
        assertThat(busy.health.nextTimer(busy.ctx())).as("24x7, 60 calls/h").isEqualTo(earliest + 15 * 60_000L);
    }

    @Test
    void aQuietThatBeganAtTheStartOfTimeDoesNotFireAtTheFirstWatermark() {
        for (String line : LINES) {
            AlertScenario s = new AlertScenario(line);
            s.earliest = Long.MIN_VALUE + 1;
            assertThat(s.health.nextTimer(s.ctx())).as(line).isGreaterThan(Long.MIN_VALUE);
            assertThat(s.timer(Long.MIN_VALUE)).as(line).isEmpty();
        }
    }

    @Test
    void theSilenceClockWalksNoFurtherThanTheEndOfTime() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        for (String line : LINES) {
            SilenceClock clock = new SilenceClock(s.directory.line(line), s.directory);
            assertThat(clock.due(Long.MAX_VALUE - 1, AlertThresholds.defaults(), null, new double[1]))
                    .as(line).isEqualTo(SilenceClock.NEVER);
            assertThat(clock.serviceMillis(Long.MAX_VALUE - 86_400_000L, Long.MAX_VALUE)).as(line).isNotNegative();
        }
    }

    @Test
    void aNumberLastDialledAtTheEndOfTimeIsNeverForgottenEarly() {
        AlertScenario s = new AlertScenario(AlertScenario.UNKNOWN);
        s.feed(new Attempt(Long.MAX_VALUE - 1, Long.MAX_VALUE, Outcome.FAILED, false, false, false));
        assertThat(s.health.nextTimer(s.ctx())).isEqualTo(Long.MAX_VALUE);
        assertThat(s.health.isForgettable(s.ctx(), at("2026-10-12T09:00"))).isFalse();
        assertThat(s.timer(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aFeedLastHeardAtTheEndOfTimeIsNeverStale() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        FeedClock clock = new FeedClock(s.directory.lines(), s.directory);
        assertThat(clock.due(Long.MAX_VALUE - 1, 600_000)).isEqualTo(FeedClock.NEVER);
    }
}
