package org.hotlinepulse.alerts;

import org.hotlinepulse.pipeline.Attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.alerts.AlertScenario.at;
import static org.hotlinepulse.avro.Outcome.ABANDONED;
import static org.hotlinepulse.avro.Outcome.ANSWERED;
import static org.hotlinepulse.avro.Outcome.BUSY;
import static org.hotlinepulse.avro.Outcome.FAILED;
import static org.hotlinepulse.avro.Outcome.NO_ANSWER;

import java.time.Instant;
import java.util.List;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LineHealthUnitTest {

    private static Alert only(List<Alert> alerts, AlertType type, AlertState state) {
        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.getType()).isEqualTo(type);
        assertThat(a.getState()).isEqualTo(state);
        return a;
    }

    private static Instant instant(String local) {
        return Instant.ofEpochMilli(at(local));
    }

    @Nested
    class OutOfService {
        @Test
        void threeFailedWithinTenMinutesFireAtTheThird() {
            AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
            assertThat(s.call("2026-10-12T09:00", FAILED)).isEmpty();
            assertThat(s.call("2026-10-12T09:04", FAILED)).isEmpty();
            Alert a = only(s.call("2026-10-12T09:09:59", FAILED), AlertType.OUT_OF_SERVICE, AlertState.FIRING);
            assertThat(a.getStartsAt()).isEqualTo(instant("2026-10-12T09:09:59"));
            assertThat(a.getEndsAt()).isNull();
            assertThat(a.getSeverity()).isEqualTo(Severity.critical);
            assertThat(a.getLine()).isEqualTo(AlertScenario.ALWAYS);
            assertThat(a.getDepartment()).isEqualTo("zz-si");
        }

        @Test
        void theSpanExcludesItsStart() {
            AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
            s.call("2026-10-12T09:00", FAILED);
            s.call("2026-10-12T09:05", FAILED);
            assertThat(s.call("2026-10-12T09:10", FAILED)).isEmpty();
            assertThat(s.call("2026-10-12T09:11", FAILED)).hasSize(1);
        }

        @Test
        void aConnectedAttemptInTheSpanHoldsItBack() {
            AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
            s.call("2026-10-12T09:00", ABANDONED);
            s.calls("2026-10-12T09:01", 5, FAILED);
            assertThat(s.alerts).isEmpty();
            assertThat(s.call("2026-10-12T09:10:30", FAILED)).hasSize(1);
        }

        @Test
        void firesOnceResolvesOnceAndANewEpisodeGetsANewId() {
            AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
            s.calls("2026-10-12T09:00", 8, FAILED);
            Alert firing = only(s.alerts, AlertType.OUT_OF_SERVICE, AlertState.FIRING);
            s.alerts.clear();
            s.call("2026-10-12T09:20", BUSY);
            assertThat(s.alerts).isEmpty();
            Alert resolved = only(s.call("2026-10-12T09:30", NO_ANSWER), AlertType.OUT_OF_SERVICE, AlertState.RESOLVED);
            assertThat(resolved.getId()).isEqualTo(firing.getId());
            assertThat(resolved.getStartsAt()).isEqualTo(firing.getStartsAt());
            assertThat(resolved.getEndsAt()).isEqualTo(instant("2026-10-12T09:30"));
            assertThat(s.call("2026-10-12T09:31", ANSWERED)).isEmpty();
            s.calls("2026-10-12T09:50", 3, FAILED);
            Alert again = only(s.alerts.subList(1, s.alerts.size()), AlertType.OUT_OF_SERVICE, AlertState.FIRING);
            assertThat(again.getId()).isNotEqualTo(firing.getId()).hasSize(32).matches("[0-9a-f]{32}");
        }
    }

    @Nested
    class ConstantBusy {
        @Test
        void tenAttemptsEightBusyFireAtTheShare() {
            AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
            s.calls("2026-10-12T09:00", 2, ANSWERED);
            s.calls("2026-10-12T09:02", 7, BUSY);
            assertThat(s.alerts).isEmpty();
            Alert a = only(s.call("2026-10-12T09:09", BUSY), AlertType.CONSTANT_BUSY, AlertState.FIRING);
            assertThat(a.getStartsAt()).isEqualTo(instant("2026-10-12T09:09"));
        }

        @Test
        void belowTheShareOrTheMinimumAttemptsNothing() {
            AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
            s.calls("2026-10-12T09:00", 9, BUSY);
            assertThat(s.alerts).isEmpty();
            AlertScenario t = new AlertScenario(AlertScenario.ALWAYS);
            t.calls("2026-10-12T09:00", 3, ANSWERED);
            t.calls("2026-10-12T09:03", 7, BUSY);
            assertThat(t.alerts).isEmpty();
        }

        @Test
        void resolvesOnlyBelowTheResolveShare() {
            AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
            s.calls("2026-10-12T09:00", 10, BUSY);
            assertThat(s.alerts).hasSize(1);
            s.calls("2026-10-12T09:20", 5, BUSY);
            s.calls("2026-10-12T09:25", 4, ANSWERED);
            // (09:14, 09:29]: 5 busy of 10, a share of exactly 0.5: still firing
            assertThat(s.call("2026-10-12T09:29", ANSWERED)).isEmpty();
            Alert resolved = only(s.call("2026-10-12T09:30", ANSWERED), AlertType.CONSTANT_BUSY, AlertState.RESOLVED);
            assertThat(resolved.getEndsAt()).isEqualTo(instant("2026-10-12T09:30"));
        }

        @Test
        void aLineOverrideLowersTheShare() {
            AlertScenario s = new AlertScenario(AlertScenario.OVERRIDE);
            s.calls("2026-10-12T09:00", 4, ANSWERED);
            s.calls("2026-10-12T09:04", 6, BUSY);
            only(s.alerts, AlertType.CONSTANT_BUSY, AlertState.FIRING);
        }

        @Test
        void firesOutsideServiceHours() {
            AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
            s.calls("2026-10-12T20:00", 10, BUSY);
            only(s.alerts, AlertType.CONSTANT_BUSY, AlertState.FIRING);
        }
    }

    @Nested
    class Unanswered {
        @Test
        void fiveConnectedNoneAnsweredFireWithMode() {
            AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
            s.calls("2026-10-12T09:00", 4, NO_ANSWER);
            assertThat(s.alerts).isEmpty();
            Alert a = only(s.call("2026-10-12T09:19", ABANDONED), AlertType.UNANSWERED, AlertState.FIRING);
            assertThat(a.getLabels()).containsEntry("mode", UnansweredMode.RING_NO_ANSWER);
            assertThat(a.getStartsAt()).isEqualTo(instant("2026-10-12T09:19"));
        }

        @Test
        void oneAnsweredCallInTheSpanHoldsItBack() {
            AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
            s.call("2026-10-12T09:00:30", ANSWERED);
            s.calls("2026-10-12T09:01", 10, ABANDONED);
            assertThat(s.alerts).isEmpty();
            s.call("2026-10-12T09:20:31", ABANDONED);
            only(s.alerts, AlertType.UNANSWERED, AlertState.FIRING);
        }

        @Test
        void resolvesOnTheNextAnsweredCallAndKeepsItsMode() {
            AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
            s.calls("2026-10-12T09:00", 6, ABANDONED);
            s.calls("2026-10-12T09:10", 3, BUSY);
            Alert resolved = only(s.call("2026-10-12T09:30", ANSWERED), AlertType.UNANSWERED, AlertState.RESOLVED);
            assertThat(resolved.getLabels()).containsEntry("mode", UnansweredMode.QUEUE_ABANDON);
            assertThat(resolved.getEndsAt()).isEqualTo(instant("2026-10-12T09:30"));
        }

        @Test
        void modeTieBreaks() {
            assertThat(UnansweredMode.of(2, 2, 2)).isEqualTo(UnansweredMode.IVR_DEAD_END);
            assertThat(UnansweredMode.of(1, 2, 2)).isEqualTo(UnansweredMode.QUEUE_ABANDON);
            assertThat(UnansweredMode.of(1, 1, 2)).isEqualTo(UnansweredMode.RING_NO_ANSWER);
            assertThat(UnansweredMode.of(3, 1, 3)).isEqualTo(UnansweredMode.IVR_DEAD_END);
            assertThat(UnansweredMode.of(0, 0, 5)).isEqualTo(UnansweredMode.RING_NO_ANSWER);
        }

        @Test
        void ivrDeadEndFromTheAttempts() {
            AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
            for (int i = 0; i < 5; i++) {
                long t = at("2026-10-12T09:00") + i * 60_000L;
                s.feed(new Attempt(t, t + 60_000, NO_ANSWER, false, i < 3, false));
            }
            assertThat(s.alerts.get(0).getLabels()).containsEntry("mode", UnansweredMode.IVR_DEAD_END);
        }

        @Test
        void notInTheLunchBreakOnAHolidayOrASunday() {
            for (String start : new String[] {"2026-10-12T12:10", "2026-10-05T09:00", "2026-10-11T09:00", "2026-10-12T08:00"}) {
                AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
                s.calls(start, 8, NO_ANSWER);
                assertThat(s.alerts).as(start).isEmpty();
            }
        }

        @Test
        void onAMakeUpSaturdayAndRightAfterOpening() {
            AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
            s.calls("2026-10-10T09:00", 5, NO_ANSWER);
            only(s.alerts, AlertType.UNANSWERED, AlertState.FIRING);
            AlertScenario t = new AlertScenario(AlertScenario.OFFICE);
            t.calls("2026-10-12T14:25", 5, NO_ANSWER);
            assertThat(t.alerts).isEmpty();
            t.call("2026-10-12T14:30", NO_ANSWER);
            assertThat(only(t.alerts, AlertType.UNANSWERED, AlertState.FIRING).getStartsAt())
                    .isEqualTo(instant("2026-10-12T14:30"));
        }

        @Test
        void anEpisodeStaysOpenOverLunchUntilAnAnswer() {
            AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
            s.calls("2026-10-12T11:40", 5, NO_ANSWER);
            assertThat(s.alerts).hasSize(1);
            s.calls("2026-10-12T12:30", 3, ABANDONED);
            assertThat(s.alerts).hasSize(1);
            Alert resolved = only(s.call("2026-10-12T13:00", ANSWERED), AlertType.UNANSWERED, AlertState.RESOLVED);
            assertThat(resolved.getEndsAt()).isEqualTo(instant("2026-10-12T13:00"));
        }
    }

    @Nested
    class HighAbandonment {
        private AlertScenario connected(int answered, int abandoned, int shortAbandoned) {
            AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
            long t = at("2026-10-12T09:00");
            for (int i = 0; i < answered + abandoned + shortAbandoned; i++, t += 60_000) {
                boolean isShort = i >= answered + abandoned;
                s.feed(new Attempt(t, t + 30_000, i < answered ? ANSWERED : ABANDONED, false, false, isShort));
            }
            return s;
        }

        @Test
        void twentyConnectedAtTheRateFire() {
            // answered first so that UNANSWERED never holds
            AlertScenario s = connected(12, 8, 0);
            Alert a = only(s.alerts, AlertType.HIGH_ABANDONMENT, AlertState.FIRING);
            assertThat(a.getSeverity()).isEqualTo(Severity.warning);
            assertThat(AlertText.split(a.getSummary())[1]).contains("8 of 20 calls that got through abandoned in 30 min (40%)");
        }

        @Test
        void justBelowTheRateOrTheMinimumNothing() {
            assertThat(connected(13, 7, 0).alerts).isEmpty();
            assertThat(connected(11, 8, 0).alerts).isEmpty();
        }

        @Test
        void shortAbandonsLeaveTheRateButCountAsConnected() {
            // 20 connected: 12 answered, 6 abandoned, 2 short: rate 6/18 = 0.33: nothing
            assertThat(connected(12, 6, 2).alerts).isEmpty();
            // 21 connected: 12 answered, 8 abandoned, 1 short: 8/20 = 0.4
            only(connected(12, 8, 1).alerts, AlertType.HIGH_ABANDONMENT, AlertState.FIRING);
        }

        @Test
        void resolvesBelowTheResolveRateAndNotOnAZeroDenominator() {
            AlertScenario s = connected(12, 8, 0); // 09:00..09:19
            long t = at("2026-10-12T10:00");
            for (int i = 0; i < 3; i++, t += 60_000) {
                s.feed(new Attempt(t, t + 1_000, ABANDONED, false, false, true));
            }
            s.call("2026-10-12T10:05", BUSY);
            // only short abandons in (09:35, 10:05]: the rate's denominator is 0
            assertThat(s.alerts).hasSize(1);
            Alert resolved = only(s.call("2026-10-12T10:06", ANSWERED), AlertType.HIGH_ABANDONMENT, AlertState.RESOLVED);
            assertThat(resolved.getEndsAt()).isEqualTo(instant("2026-10-12T10:06"));
        }

        @Test
        void notOutsideServiceHours() {
            AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
            long t = at("2026-10-12T18:00");
            for (int i = 0; i < 20; i++, t += 60_000) {
                s.feed(new Attempt(t, t + 30_000, i < 10 ? ANSWERED : ABANDONED, false, false, false));
            }
            assertThat(s.alerts).isEmpty();
        }
    }
}
