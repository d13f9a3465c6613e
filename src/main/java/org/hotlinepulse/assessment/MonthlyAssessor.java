package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.TimeSpan;
import org.hotlinepulse.metrics.Counts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Computes the monthly assessment of contract §10 from an {@link AssessmentSource}: sums the line
 * windows per department (in and out of service hours), recomputes every rate from the sums,
 * measures availability and time to resolve from the alert episodes over the days that have
 * data, and scores and ranks the departments.
 */
public final class MonthlyAssessor {
    private MonthlyAssessor() {}

    /**
     * @param now the generation time; a month not over yet is assessed up to it
     * @throws IllegalArgumentException when the month has not begun at {@code now}
     */
    public static MonthlyAssessment assess(AssessmentSource source, YearMonth yearMonth, Instant now)
            throws AssessmentInputException {
        Directory directory = source.directory();
        AssessmentMonth month = new AssessmentMonth(yearMonth, directory.calendar().zone());
        if (!now.isAfter(month.start())) {
            throw new IllegalArgumentException("month " + yearMonth + " has not begun yet");
        }
        Instant until = now.isBefore(month.end()) ? now : month.end();

        ServiceSchedule schedule = new ServiceSchedule(directory, month);
        WindowChoice choice = WindowChoice.choose(source.lineWindowSizes(month.start(), until), schedule);
        TrafficTally traffic = new TrafficTally(directory, schedule, month);
        if (choice != null) {
            source.lineWindows(month.start(), until, choice.minutes(), traffic::add);
        }

        List<TimeSpan> assessed = new ArrayList<>();
        List<LocalDate> daysWithout = new ArrayList<>();
        for (LocalDate day : month.days()) {
            Instant dayStart = month.startOf(day);
            if (!dayStart.isBefore(until)) {
                break;
            }
            if (traffic.daysWithData.contains(day)) {
                Instant dayEnd = month.startOf(day.plusDays(1));
                assessed.add(new TimeSpan(dayStart, dayEnd.isBefore(until) ? dayEnd : until));
            } else {
                daysWithout.add(day);
            }
        }
        assessed = Spans.union(assessed);

        List<AlertEpisode> episodes = source.episodes(month.start(), until);
        Map<String, List<AlertEpisode>> episodesByLine = new HashMap<>();
        for (AlertEpisode e : episodes) {
            if (e.line() != null && directory.line(e.line()) != null
                    && DepartmentAlerts.LINE_TYPES.contains(e.type())) {
                episodesByLine.computeIfAbsent(e.line(), l -> new ArrayList<>()).add(e);
            }
        }

        List<DepartmentAssessment> departments = new ArrayList<>();
        Map<String, SortedMap<LocalDate, Counts>> daily = new LinkedHashMap<>();
        Map<String, List<AlertEpisode>> departmentEpisodes = new LinkedHashMap<>();
        for (Department d : directory.departments()) {
            List<Line> lines = directory.linesOf(d.id());
            DepartmentAlerts alerts = DepartmentAlerts.of(lines, episodesByLine);
            int working = 0;
            List<AlertEpisode> ofDepartment = new ArrayList<>();
            for (Line line : lines) {
                if (traffic.linesShownWorking.contains(line.number()) && !alerts.linesOutOfService().contains(line.number())) {
                    working++;
                }
                ofDepartment.addAll(episodesByLine.getOrDefault(line.number(), List.of()));
            }
            ofDepartment.sort((a, b) -> a.startsAt().compareTo(b.startsAt()));
            DepartmentTraffic t = traffic.byDepartment.get(d.id());
            departments.add(new DepartmentAssessment(d, lines.size(), working, t.inService, t.afterHours,
                    Availability.of(lines, schedule, assessed, episodesByLine, until), alerts, null, 0));
            daily.put(d.id(), t.dailyInService);
            departmentEpisodes.put(d.id(), ofDepartment);
        }

        Coverage coverage = new Coverage(source.description(), List.copyOf(traffic.daysWithData), daysWithout, until,
                choice == null ? 0 : choice.minutes(), choice == null || choice.exact(), traffic.windowsRead,
                traffic.straddlingWindows, List.copyOf(traffic.unlistedLines), traffic.unlistedWindows,
                episodes.size());
        return new MonthlyAssessment(month, now, 0, coverage, CompositeScore.rank(departments), daily,
                departmentEpisodes, directory);
    }
}
