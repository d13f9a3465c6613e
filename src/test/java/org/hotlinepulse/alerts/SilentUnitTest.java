package org.hotlinepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.alerts.AlertScenario.at;
import static org.hotlinepulse.avro.Outcome.ANSWERED;
import static org.hotlinepulse.avro.Outcome.FAILED;

import java.time.Instant;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.directory.ServiceHours;
import org.junit.jupiter.api.Test;

class SilentUnitTest {

    private static Alert fireAtDue(AlertScenario s, long expectedDue) {
        long due = s.health.nextTimer(s.ctx());
        assertThat(Instant.ofEpochMilli(due)).isEqualTo(Instant.ofEpochMilli(expectedDue));
        assertThat(s.timer(due - 1)).isEmpty();
        assertThat(s.timer(due)).hasSize(1);
        Alert a = s.alerts.get(s.alerts.size() - 1);
        assertThat(a.getType()).isEqualTo(AlertType.SILENT);
        assertThat(a.getState()).isEqualTo(AlertState.FIRING);
        assertThat(a.getStartsAt().toEpochMilli()).isEqualTo(due);
        assertThat(s.timer(due + 3_600_000)).isEmpty();
        assertThat(s.health.nextTimer(s.ctx())).isEqualTo(Long.MAX_VALUE);
        return a;
    }

    @Test
    void directoryBaselineTwelvePerHourNeedsFiftyServiceMinutes() {
        AlertScenario s = new AlertScenario(AlertScenario.BASELINE);
        s.call("2026-10-12T09:00", ANSWERED);
        Alert a = fireAtDue(s, at("2026-10-12T09:50"));
        assertThat(a.getSeverity().name()).isEqualTo("warning");
        assertThat(AlertText.split(a.getSummary())[1]).contains("no call in 50 service minutes since 2026-10-12 09:00, about 10.0 expected");
        assertThat(AlertText.split(a.getSummary())[0]).contains("50 分钟服务时间内无人呼叫");
    }

    @Test
    void aHighBaselineStillNeedsTheMinimumQuiet() {
        AlertScenario s = new AlertScenario(AlertScenario.BUSY_LINE);
        s.call("2026-10-12T09:00", ANSWERED);
        fireAtDue(s, at("2026-10-12T09:15"));
    }

    @Test
    void quietTimeCarriesAcrossLunch() {
        AlertScenario s = new AlertScenario(AlertScenario.BASELINE);
        s.call("2026-10-12T11:40", ANSWERED);
        fireAtDue(s, at("2026-10-12T15:00"));
    }

    @Test
    void quietTimeCarriesOvernight() {
        AlertScenario s = new AlertScenario(AlertScenario.BASELINE);
        s.call("2026-10-12T17:20", ANSWERED);
        fireAtDue(s, at("2026-10-13T09:10"));
    }

    @Test
    void quietTimeCarriesOverTheNationalDayHolidays() {
        AlertScenario s = new AlertScenario(AlertScenario.BASELINE);
        s.call("2026-09-30T17:20", ANSWERED);
        fireAtDue(s, at("2026-10-06T09:10"));
    }

    @Test
    void aCallAfterClosingTimeResolvesAndRestartsTheQuiet() {
        AlertScenario s = new AlertScenario(AlertScenario.BASELINE);
        s.call("2026-10-12T09:00", ANSWERED);
        Alert firing = fireAtDue(s, at("2026-10-12T09:50"));
        Alert resolved = s.call("2026-10-12T19:00", FAILED).get(0);
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getId()).isEqualTo(firing.getId());
        assertThat(resolved.getEndsAt()).isEqualTo(Instant.ofEpochMilli(at("2026-10-12T19:00")));
        assertThat(AlertText.split(resolved.getSummary())[1]).contains("called again at 2026-10-12 19:00");
        Alert again = fireAtDue(s, at("2026-10-13T09:20"));
        assertThat(again.getId()).isNotEqualTo(firing.getId());
    }

    @Test
    void probesDoNotEndTheQuiet() {
        AlertScenario s = new AlertScenario(AlertScenario.BASELINE);
        s.call("2026-10-12T09:00", ANSWERED);
        s.probe("2026-10-12T09:30", ANSWERED);
        fireAtDue(s, at("2026-10-12T09:50"));
        assertThat(s.probe("2026-10-12T10:00", ANSWERED)).isEmpty();
        assertThat(s.health.isOpen(AlertType.SILENT)).isTrue();
    }

    @Test
    void aLineThatNeverHadACallCountsFromTheEarliestEventTime() {
        AlertScenario s = new AlertScenario(AlertScenario.BASELINE);
        s.earliest = at("2026-10-12T07:00");
        Alert a = fireAtDue(s, at("2026-10-12T09:20"));
        assertThat(AlertText.split(a.getSummary())[1]).contains("since 2026-10-12 07:00");
    }

    @Test
    void neverFromALineExpectingNoCalls() {
        AlertScenario s = new AlertScenario(AlertScenario.NEVER_CALLED);
        s.call("2026-10-12T09:00", ANSWERED);
        assertThat(s.health.nextTimer(s.ctx())).isEqualTo(Long.MAX_VALUE);
        assertThat(s.timer(at("2026-11-30T09:00"))).isEmpty();
    }

    @Test
    void withoutBaselineAfterOneWholeServiceDay() {
        // The whole service day ends at closing time, which is closed: SILENT is due when the
        // line next opens (issue 12, finding 8).
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        s.call("2026-10-12T10:00", ANSWERED);
        Alert a = fireAtDue(s, at("2026-10-14T08:30"));
        assertThat(AlertText.split(a.getSummary())[1]).contains("no call for a whole service day since 2026-10-12 10:00 (no baseline)");
        AlertScenario early = new AlertScenario(AlertScenario.OFFICE);
        early.call("2026-10-12T08:30", ANSWERED);
        // the day of the call is not whole: its service began with the call
        fireAtDue(early, at("2026-10-14T08:30"));
        AlertScenario friday = new AlertScenario(AlertScenario.OFFICE);
        friday.call("2026-10-09T08:00", ANSWERED);
        // Saturday 10 October is a make-up workday
        fireAtDue(friday, at("2026-10-10T08:30"));
        AlertScenario beforeHolidays = new AlertScenario(AlertScenario.OFFICE);
        beforeHolidays.call("2026-09-30T12:00", ANSWERED);
        // Oct 1 and 2 are holidays, Oct 3 and 4 a weekend, Oct 5 a holiday
        fireAtDue(beforeHolidays, at("2026-10-07T08:30"));
    }

    @Test
    void aroundTheClockLineWithoutBaselineWaitsForAWholeDay() {
        AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
        s.call("2026-10-12T10:00", ANSWERED);
        fireAtDue(s, at("2026-10-14T00:00"));
    }

    @Test
    void learnedBaselineOnlyOnceSlotsHaveThreeWeeks() {
        AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
        long t = at("2026-09-14T00:00");
        for (; t < at("2026-09-28T00:00"); t += 300_000) {
            s.call(t, ANSWERED);
        }
        s.call("2026-09-28T00:30", ANSWERED);
        // two weeks of every slot: not yet a baseline, so one whole service day (Tuesday) applies
        assertThat(s.health.learned.isUsable()).isFalse();
        assertThat(s.health.nextTimer(s.ctx())).isEqualTo(at("2026-09-30T00:00"));
        for (t = at("2026-09-28T00:35"); t < at("2026-10-05T02:00"); t += 300_000) {
            s.call(t, ANSWERED);
        }
        long last = t - 300_000;
        assertThat(s.health.learned.isUsable()).isTrue();
        assertThat(s.health.learned.rateAt(last, AlertScenario.SHANGHAI)).isEqualTo(12.0);
        // 12 calls an hour: 10 expected after 50 quiet minutes
        fireAtDue(s, last + 50 * 60_000L);
    }

    @Test
    void learnedBaselineFollowsTheLinesOwnRate() {
        AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
        long t = at("2026-09-07T00:00");
        for (; t < at("2026-10-12T09:00"); t += 600_000) {
            s.call(t, ANSWERED);
        }
        long last = t - 600_000; // 08:50
        // 6 calls an hour: 10 expected after 100 quiet minutes
        assertThat(s.health.nextTimer(s.ctx())).isEqualTo(last + 100 * 60_000L);
    }

    @Test
    void theSilenceOfAnEpisodeIsNotLearned() {
        AlertScenario s = new AlertScenario(AlertScenario.ALWAYS);
        long t = at("2026-09-14T00:00");
        for (; t < at("2026-10-12T09:00"); t += 300_000) {
            s.call(t, ANSWERED);
        }
        long due = s.health.nextTimer(s.ctx());
        assertThat(s.timer(due)).hasSize(1);
        s.call("2026-10-12T15:00", ANSWERED);
        s.call("2026-10-12T16:00", ANSWERED);
        assertThat(s.health.learned.rateAt(at("2026-10-12T12:30"), AlertScenario.SHANGHAI)).isEqualTo(12.0);
        // the hour 15:00-16:00 after the episode is learned: one call in an hour of weight 1/5
        assertThat(s.health.learned.rateAt(at("2026-10-12T15:30"), AlertScenario.SHANGHAI)).isEqualTo(12 - 11 / 5.0f);
    }

    // Issue 12, finding 8: SILENT was due at the first instant of closed time.
    @Test
    void silenceReachedWhereAClosureBeginsIsDueWhenServiceResumes() {
        AlertScenario s = new AlertScenario(AlertScenario.EVENING,
                AlertScenario.closure(AlertScenario.EVENING, "2026-10-12T09:00", "2026-10-12T10:00"));
        s.call("2026-10-12T08:45", ANSWERED);
        // the 15th quiet service minute ends at 09:00, the first instant of the closure
        Alert a = fireAtDue(s, at("2026-10-12T10:00"));
        assertThat(AlertText.split(a.getSummary())[1]).contains("no call in 15 service minutes since 2026-10-12 08:45");
    }

    @Test
    void silenceReachedAtClosingTimeIsDueWhenTheLineOpensAgain() {
        AlertScenario s = new AlertScenario(AlertScenario.EVENING);
        s.call("2026-10-12T17:45", ANSWERED);
        fireAtDue(s, at("2026-10-13T08:30"));
        AlertScenario sooner = new AlertScenario(AlertScenario.EVENING);
        sooner.call("2026-10-12T17:44:59", ANSWERED);
        fireAtDue(sooner, at("2026-10-12T17:59:59"));
    }

    @Test
    void aCallWhenServiceResumesKeepsADueSilenceFromFiring() {
        AlertScenario s = new AlertScenario(AlertScenario.EVENING);
        s.call("2026-10-12T17:45", ANSWERED);
        assertThat(s.timer(at("2026-10-13T08:29:59"))).isEmpty();
        assertThat(s.call("2026-10-13T08:30", ANSWERED)).isEmpty();
        assertThat(s.timer(at("2026-10-13T08:30"))).isEmpty();
    }

    // Issue 12, finding 10: half-open hours were learned at half their rate, or not at all.
    @Test
    void learnedBaselineCountsCallsPerServiceMinuteOfHalfOpenHours() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        ServiceHours hours = s.directory.line(AlertScenario.OFFICE).hours();
        // a call every service minute (60 an hour) for four weeks, the last one Monday 17:00
        for (long t = at("2026-09-14T08:30"); t <= at("2026-10-12T17:00"); t += 60_000) {
            if (s.directory.calendar().isOpen(hours, Instant.ofEpochMilli(t))) {
                s.call(t, ANSWERED);
            }
        }
        // 08:30-09:00 and 17:00-17:30: 30 calls in 30 service minutes are 60 an hour of service
        assertThat(s.health.learned.rateAt(at("2026-10-12T08:45"), AlertScenario.SHANGHAI)).isEqualTo(60.0);
        assertThat(s.health.learned.rateAt(at("2026-10-12T14:45"), AlertScenario.SHANGHAI)).isEqualTo(60.0);
        assertThat(s.health.learned.rateAt(at("2026-10-12T17:15"), AlertScenario.SHANGHAI)).isEqualTo(60.0);
        assertThat(s.health.learned.rateAt(at("2026-10-12T10:30"), AlertScenario.SHANGHAI)).isEqualTo(60.0);
        // quiet from 17:00: 10 calls expected after 10 minutes, SILENT after the minimum 15
        fireAtDue(s, at("2026-10-12T17:15"));
    }

    @Test
    void callsOutsideServiceHoursDoNotTeachTheBaseline() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        ServiceHours hours = s.directory.line(AlertScenario.OFFICE).hours();
        // every minute of four weeks, open or not: only the 30 calls in 08:30-09:00 are in service
        for (long t = at("2026-09-14T08:00"); t <= at("2026-10-12T17:00"); t += 60_000) {
            s.call(t, ANSWERED);
        }
        assertThat(s.directory.calendar().isOpen(hours, Instant.ofEpochMilli(at("2026-10-12T08:15")))).isFalse();
        assertThat(s.health.learned.rateAt(at("2026-10-12T08:45"), AlertScenario.SHANGHAI)).isEqualTo(60.0);
        assertThat(s.health.learned.rateAt(at("2026-10-12T12:30"), AlertScenario.SHANGHAI)).isZero();
    }

    @Test
    void aClosureIsNotQuietServiceTime() {
        AlertScenario s = new AlertScenario(AlertScenario.BASELINE,
                AlertScenario.closure(AlertScenario.BASELINE, "2026-10-12T09:20", "2026-10-12T10:00"));
        s.call("2026-10-12T09:00", ANSWERED);
        fireAtDue(s, at("2026-10-12T10:30"));
    }
}
