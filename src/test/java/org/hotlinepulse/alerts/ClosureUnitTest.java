package org.hotlinepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.alerts.AlertScenario.at;
import static org.hotlinepulse.alerts.AlertScenario.closure;
import static org.hotlinepulse.avro.Outcome.ABANDONED;
import static org.hotlinepulse.avro.Outcome.ANSWERED;
import static org.hotlinepulse.avro.Outcome.BUSY;
import static org.hotlinepulse.avro.Outcome.FAILED;
import static org.hotlinepulse.avro.Outcome.NO_ANSWER;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.junit.jupiter.api.Test;

class ClosureUnitTest {

    private static AlertScenario closedMorning() {
        return new AlertScenario(AlertScenario.OFFICE, closure(AlertScenario.OFFICE, "2026-10-12T08:00", "2026-10-12T10:00"));
    }

    @Test
    void noRuleFiresDuringAClosure() {
        AlertScenario s = closedMorning();
        s.calls("2026-10-12T09:00", 12, BUSY);
        s.calls("2026-10-12T09:12", 5, FAILED);
        s.calls("2026-10-12T09:20", 6, NO_ANSWER);
        s.probe("2026-10-12T09:40", FAILED);
        s.probe("2026-10-12T09:50", FAILED);
        assertThat(s.alerts).isEmpty();
    }

    @Test
    void rulesFireAgainOnceTheClosureEndsOnWhatHappensAfterIt() {
        AlertScenario s = closedMorning();
        s.calls("2026-10-12T09:55", 4, FAILED);
        assertThat(s.call("2026-10-12T10:00", FAILED)).as("the closure's failures are not in the span").isEmpty();
        s.call("2026-10-12T10:01", FAILED);
        assertThat(s.call("2026-10-12T10:02", FAILED)).extracting(Alert::getType).containsExactly(AlertType.OUT_OF_SERVICE);
        assertThat(s.alerts.get(0).getStartsAt().toEpochMilli()).isEqualTo(at("2026-10-12T10:02"));
    }

    // Issue 12, finding 7: a closure leaked into the spans judged after it.
    @Test
    void busyOnlyDuringAClosureIsNotConstantBusyAfterIt() {
        AlertScenario s = closedMorning();
        s.calls("2026-10-12T09:51", 9, BUSY);
        assertThat(s.call("2026-10-12T10:00", ANSWERED)).as("9 of the 10 attempts in (09:45, 10:00] were in the closure")
                .isEmpty();
        assertThat(s.alerts).isEmpty();
    }

    @Test
    void abandonmentOnlyDuringAClosureIsNotHighAbandonmentAfterIt() {
        AlertScenario s = closedMorning();
        s.calls("2026-10-12T09:35", 25, ABANDONED);
        assertThat(s.call("2026-10-12T10:00", ANSWERED)).isEmpty();
        assertThat(s.alerts).isEmpty();
    }

    @Test
    void unansweredCallsOnlyDuringAClosureAreNotUnansweredAfterIt() {
        AlertScenario s = closedMorning();
        s.calls("2026-10-12T09:55", 5, NO_ANSWER);
        assertThat(s.call("2026-10-12T10:00", NO_ANSWER)).isEmpty();
        assertThat(s.alerts).isEmpty();
    }

    @Test
    void aCallDuringAClosureStillEndsTheQuietAndRecoversAnOpenEpisode() {
        AlertScenario s = new AlertScenario(AlertScenario.BASELINE, closure(AlertScenario.BASELINE, "2026-10-12T10:00", "2026-10-12T12:00"));
        s.calls("2026-10-12T09:50", 3, FAILED);
        assertThat(s.alerts).extracting(Alert::getType).containsExactly(AlertType.OUT_OF_SERVICE);
        Alert resolved = s.call("2026-10-12T10:30", ANSWERED).get(0);
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getEndsAt().toEpochMilli()).isEqualTo(at("2026-10-12T10:30"));
        // 12 calls/h: 50 quiet service minutes from the call at 10:30, all of them after the closure
        assertThat(s.health.nextTimer(s.ctx())).isEqualTo(at("2026-10-12T15:20"));
    }

    @Test
    void failedProbesDuringAClosureDoNotCount() {
        AlertScenario s = closedMorning();
        s.probe("2026-10-12T09:50", FAILED);
        assertThat(s.probe("2026-10-12T10:10", FAILED)).isEmpty();
        assertThat(s.probe("2026-10-12T10:20", FAILED)).hasSize(1);
    }

    @Test
    void anOpenEpisodeStaysOpenAndMayRecoverDuringAClosure() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE, closure(AlertScenario.OFFICE, "2026-10-12T10:00", "2026-10-12T12:00"));
        s.calls("2026-10-12T09:40", 5, NO_ANSWER);
        assertThat(s.alerts).extracting(Alert::getState).containsExactly(AlertState.FIRING);
        s.calls("2026-10-12T10:10", 3, NO_ANSWER);
        assertThat(s.alerts).hasSize(1);
        Alert resolved = s.call("2026-10-12T10:30", ANSWERED).get(0);
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getEndsAt().toEpochMilli()).isEqualTo(at("2026-10-12T10:30"));
    }

    @Test
    void silentIsNotRaisedForAClosedLine() {
        AlertScenario s = new AlertScenario(AlertScenario.BASELINE, closure(AlertScenario.BASELINE, "2026-10-12T09:30", "2026-10-14T00:00"));
        s.call("2026-10-12T09:00", ANSWERED);
        // 30 quiet service minutes before the closure, 20 more from Wednesday's opening
        assertThat(s.health.nextTimer(s.ctx())).isEqualTo(at("2026-10-14T08:50"));
        assertThat(s.timer(at("2026-10-13T17:00"))).isEmpty();
    }
}
