package org.hotlinepulse.alerts;

import org.hotlinepulse.pipeline.Attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.alerts.AlertScenario.at;
import static org.hotlinepulse.avro.Outcome.ANSWERED;
import static org.hotlinepulse.avro.Outcome.BUSY;
import static org.hotlinepulse.avro.Outcome.FAILED;
import static org.hotlinepulse.avro.Outcome.NO_ANSWER;

import java.time.Instant;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Severity;
import org.junit.jupiter.api.Test;

class ProbeAndUnknownLineUnitTest {

    @Test
    void twoFailedProbesInARowFireOnceAndAConnectingProbeResolves() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        assertThat(s.probe("2026-10-12T20:00", FAILED)).isEmpty();
        Alert firing = s.probe("2026-10-12T20:10", BUSY).get(0);
        assertThat(firing.getType()).isEqualTo(AlertType.PROBE_FAILED);
        assertThat(firing.getSeverity()).isEqualTo(Severity.critical);
        assertThat(firing.getStartsAt()).isEqualTo(Instant.ofEpochMilli(at("2026-10-12T20:10")));
        assertThat(AlertText.split(firing.getSummary())[1]).contains("2 probe calls in a row did not get through");
        assertThat(s.probe("2026-10-12T20:20", FAILED)).isEmpty();
        Alert resolved = s.probe("2026-10-12T20:30", NO_ANSWER).get(0);
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getId()).isEqualTo(firing.getId());
        assertThat(s.probe("2026-10-12T20:40", ANSWERED)).isEmpty();
    }

    @Test
    void aConnectingProbeBetweenFailuresStartsTheCountAgain() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        s.probe("2026-10-12T20:00", FAILED);
        s.probe("2026-10-12T20:10", ANSWERED);
        s.probe("2026-10-12T20:20", FAILED);
        assertThat(s.alerts).isEmpty();
    }

    @Test
    void citizensCallsDoNotCountForProbes() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        s.probe("2026-10-12T20:00", FAILED);
        s.call("2026-10-12T20:05", ANSWERED);
        assertThat(s.probe("2026-10-12T20:10", FAILED)).extracting(Alert::getType).containsExactly(AlertType.PROBE_FAILED);
    }

    @Test
    void probesAreIgnoredByTheWindowRules() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        s.call("2026-10-12T09:00", FAILED);
        s.call("2026-10-12T09:01", FAILED);
        s.probe("2026-10-12T09:02", ANSWERED); // a connected probe does not hold OUT_OF_SERVICE back
        assertThat(s.call("2026-10-12T09:03", FAILED)).extracting(Alert::getType).containsExactly(AlertType.OUT_OF_SERVICE);
        AlertScenario p = new AlertScenario(AlertScenario.OFFICE);
        for (int i = 0; i < 12; i++) {
            p.feed(new Attempt(at("2026-10-12T09:00") + i * 60_000L, at("2026-10-12T09:00") + i * 60_000L + 5_000,
                    i % 2 == 0 ? BUSY : FAILED, true, false, false));
        }
        assertThat(p.alerts).extracting(Alert::getType).containsExactly(AlertType.PROBE_FAILED);
        AlertScenario q = new AlertScenario(AlertScenario.OFFICE);
        for (int i = 0; i < 8; i++) {
            q.feed(new Attempt(at("2026-10-12T09:00") + i * 60_000L, at("2026-10-12T09:00") + i * 60_000L + 50_000,
                    NO_ANSWER, true, true, false));
        }
        assertThat(q.alerts).isEmpty();
    }

    @Test
    void unknownNumberThreeAttemptsWithinAnHourFire() {
        AlertScenario s = new AlertScenario(AlertScenario.UNKNOWN);
        s.call("2026-10-12T09:00", FAILED);
        s.call("2026-10-12T09:30", FAILED);
        assertThat(s.alerts).isEmpty();
        Alert a = s.call("2026-10-12T09:59:59", FAILED).get(0);
        assertThat(a.getType()).isEqualTo(AlertType.UNKNOWN_LINE);
        assertThat(a.getSeverity()).isEqualTo(Severity.warning);
        assertThat(a.getLine()).isEqualTo(AlertScenario.UNKNOWN);
        assertThat(a.getDepartment()).isNull();
        assertThat(AlertText.split(a.getSummary())[1])
                .contains("number 0371999 unknown number: 3 attempts in 60 min to a number missing from the directory");
        assertThat(s.call("2026-10-12T10:10", FAILED)).isEmpty();
    }

    @Test
    void unknownNumberAttemptsSpreadOverMoreThanAnHourDoNot() {
        AlertScenario s = new AlertScenario(AlertScenario.UNKNOWN);
        s.call("2026-10-12T09:00", FAILED);
        s.call("2026-10-12T09:30", FAILED);
        s.call("2026-10-12T10:00", FAILED);
        assertThat(s.alerts).isEmpty();
        long forgettable = at("2026-10-12T11:00");
        assertThat(s.health.nextTimer(s.ctx())).as("when the last attempt leaves the hour").isEqualTo(forgettable);
        assertThat(s.health.isForgettable(s.ctx(), forgettable - 1)).isFalse();
        assertThat(s.health.isForgettable(s.ctx(), forgettable)).isTrue();
    }

    @Test
    void unknownNumberResolvesAfterADayWithoutAttempts() {
        AlertScenario s = new AlertScenario(AlertScenario.UNKNOWN);
        s.calls("2026-10-12T09:00", 3, FAILED);
        s.call("2026-10-12T15:00", FAILED);
        long due = s.health.nextTimer(s.ctx());
        assertThat(due).isEqualTo(at("2026-10-13T15:00"));
        assertThat(s.timer(due - 1)).isEmpty();
        Alert resolved = s.timer(due + 60_000).get(0);
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getEndsAt()).isEqualTo(Instant.ofEpochMilli(due));
        assertThat(resolved.getId()).isEqualTo(s.alerts.get(0).getId());
        assertThat(s.timer(due + 120_000)).isEmpty();
        assertThat(s.health.isForgettable(s.ctx(), due)).isTrue();
    }

    @Test
    void anUnknownNumberRaisesNoOtherRule() {
        AlertScenario s = new AlertScenario(AlertScenario.UNKNOWN);
        s.calls("2026-10-12T09:00", 12, BUSY);
        s.probe("2026-10-12T09:20", FAILED);
        s.probe("2026-10-12T09:30", FAILED);
        assertThat(s.alerts).extracting(Alert::getType).containsExactly(AlertType.UNKNOWN_LINE);
    }

    @Test
    void anUnknownNumberAddedToTheDirectoryResolvesAtItsNextAttempt() {
        AlertScenario unknown = new AlertScenario(AlertScenario.UNKNOWN);
        unknown.calls("2026-10-12T09:00", 3, FAILED);
        // the same state, now that the number is the known line OFFICE
        AlertScenario known = new AlertScenario(AlertScenario.OFFICE);
        LineContext ctx = LineContext.of(AlertScenario.OFFICE, known.directory, AlertThresholds.defaults(), known.earliest);
        LineHealth state = unknown.health;
        var out = state.onAttempt(new Attempt(at("2026-10-12T10:00"), at("2026-10-12T10:01"), ANSWERED, false, false, false), ctx);
        assertThat(out).extracting(Alert::getType, Alert::getState).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertType.UNKNOWN_LINE, AlertState.RESOLVED));
    }
}
