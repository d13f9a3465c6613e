package org.hotlinepulse.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the page shows at one moment, as sent to it in JSON (over the event stream and
 * {@code /api/snapshot}). Labels are the page's business: this holds data only.
 *
 * @param timezone the directory's time zone, in which the page shows times
 * @param currentWindowStart start of the newest window any department has a row for; null
 *     before the first row
 */
public record DashboardSnapshot(
        Instant generatedAt,
        String timezone,
        int windowMinutes,
        Instant currentWindowStart,
        List<DepartmentRow> departments,
        List<BoardDepartment> board,
        List<AlertView> openAlerts,
        List<AlertView> resolvedAlerts,
        Map<String, Trend> departmentTrends) {

    /** One row of the department table. */
    public record DepartmentRow(String id, String name, Figures current, Figures lastHour, int openAlerts) {}

    /**
     * Offered calls (attempts) and rates of a span, each rate with its colour from
     * {@link RateThresholds} in {@code status}; a rate is null when its denominator is 0.
     */
    public record Figures(long offered, Double connectionRate, Double answerRate, Double abandonmentRate,
                          Double serviceLevel, Map<String, String> status) {}

    /** One department of the line status board, its problem lines first. */
    public record BoardDepartment(String id, String name, int problemLines, List<BoardLine> lines) {}

    /** One line of the status board; OK when {@code alerts} is empty. */
    public record BoardLine(String number, String name, List<LineAlert> alerts) {}

    /** An open alert on a board line. */
    public record LineAlert(String id, String type, String severity, Instant since) {}

    /** An alert episode in the open or resolved list, with the names of its line and department. */
    public record AlertView(String id, String type, String severity, String state, String line, String lineName,
                            String department, String departmentName, Instant startsAt, Instant endsAt,
                            Map<String, String> labels, String summary) {}

    /**
     * A series of consecutive windows, ending with the current one; a window without a row has
     * 0 offered calls and null rates. {@code t} is each window's start in epoch seconds.
     */
    public record Trend(List<Long> t, List<Double> connectionRate, List<Double> answerRate, List<Long> offered) {}
}
