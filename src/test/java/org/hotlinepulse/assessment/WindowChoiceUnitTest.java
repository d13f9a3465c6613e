package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.ServiceCalendar;
import org.hotlinepulse.directory.ServiceHours;
import org.hotlinepulse.metrics.Counts;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Which window size is summed, and where windows that straddle service hours go. */
class WindowChoiceUnitTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final AssessmentMonth OCTOBER = new AssessmentMonth(YearMonth.of(2026, 10), SHANGHAI);
    private static final Directory HALF_HOURS = Directory.of(new ServiceCalendar(SHANGHAI), List.of(new Department("d", "D")),
            List.of(new Line("037100000001", "d", null, ServiceHours.parse("Mon-Fri 08:30-12:00,14:30-17:30"),
                    OptionalDouble.empty(), Map.of())), List.of());

    @Test
    void theCoarsestSizeThatSplitsExactlyAtServiceHoursIsChosen() {
        ServiceSchedule schedule = new ServiceSchedule(HALF_HOURS, OCTOBER);
        assertThat(schedule.alignsWith(60)).isFalse();
        assertThat(schedule.alignsWith(30)).isTrue();
        assertThat(WindowChoice.choose(new TreeSet<>(List.of(1, 15, 60)), schedule)).isEqualTo(new WindowChoice(15, true));
        assertThat(WindowChoice.choose(new TreeSet<>(List.of(60)), schedule)).isEqualTo(new WindowChoice(60, false));
        assertThat(WindowChoice.choose(new TreeSet<>(), schedule)).isNull();
    }

    @Test
    void aStraddlingWindowCountsWhereAtLeastHalfOfItsMinutesLie() {
        ServiceSchedule schedule = new ServiceSchedule(HALF_HOURS, OCTOBER);
        TrafficTally tally = new TrafficTally(HALF_HOURS, schedule, OCTOBER);
        // Monday 12 October, local hours: 08:00-09:00 is half open, 12:00-13:00 closed, 14:00-15:00 half, 10:00 open.
        tally.add(window("2026-10-12T08:00+08:00", 1));
        tally.add(window("2026-10-12T10:00+08:00", 10));
        tally.add(window("2026-10-12T12:00+08:00", 100));
        tally.add(window("2026-10-12T14:00+08:00", 1000));
        DepartmentTraffic d = tally.byDepartment.get("d");
        assertThat(d.inService.attempts).isEqualTo(1 + 10 + 1000);
        assertThat(d.afterHours.attempts).isEqualTo(100);
        assertThat(tally.straddlingWindows).isEqualTo(2);
    }

    private static LineWindow window(String start, int attempts) {
        Counts c = new Counts();
        c.attempts = attempts;
        return new LineWindow("037100000001", AssessmentScenario.at(start), 60, c);
    }
}
