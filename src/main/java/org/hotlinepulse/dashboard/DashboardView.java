package org.hotlinepulse.dashboard;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.avro.Severity;
import org.hotlinepulse.dashboard.DashboardSnapshot.AlertView;
import org.hotlinepulse.dashboard.DashboardSnapshot.BoardDepartment;
import org.hotlinepulse.dashboard.DashboardSnapshot.BoardLine;
import org.hotlinepulse.dashboard.DashboardSnapshot.DepartmentRow;
import org.hotlinepulse.dashboard.DashboardSnapshot.Figures;
import org.hotlinepulse.dashboard.DashboardSnapshot.LineAlert;
import org.hotlinepulse.dashboard.DashboardSnapshot.Trend;
import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.Rates;
import org.hotlinepulse.metrics.WindowMetrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what the store holds into what the page shows: the department table (current window and
 * last hour, counts summed and rates recomputed, never averaged), the line status board, the
 * alert lists and the trends. "Now" for the look-back spans is the clock; "current" is the newest
 * window in the store, so a page over a job that runs behind the wall clock is not empty.
 */
public final class DashboardView {

    private static final Duration HOUR = Duration.ofHours(1);

    private final DashboardStore store;
    private final DashboardSettings settings;
    private final Clock clock;

    public DashboardView(DashboardStore store, DashboardSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public DashboardSnapshot snapshot() throws DashboardStoreException {
        Instant now = clock.instant();
        Directory directory = store.directory();
        List<WindowMetrics> rows = store.windows(Scope.department, settings.windowMinutes(), trendStart(now));
        Long current = newestWindowStart(rows);
        Map<String, List<WindowMetrics>> rowsByDepartment = byKey(rows);

        List<Alert> alerts = store.alerts(now.minus(Duration.ofHours(settings.resolvedHours())));
        List<Alert> open = alerts.stream().filter(a -> a.getState() == AlertState.FIRING).toList();
        List<Alert> resolved = alerts.stream().filter(a -> a.getState() == AlertState.RESOLVED)
                .sorted(Comparator.comparing(Alert::getEndsAt).reversed()).toList();

        List<DepartmentRow> table = new ArrayList<>();
        Map<String, Trend> trends = new LinkedHashMap<>();
        for (Department department : directory.departments()) {
            List<WindowMetrics> own = rowsByDepartment.getOrDefault(department.id(), List.of());
            long openAlerts = open.stream().filter(a -> department.id().equals(a.getDepartment())).count();
            table.add(new DepartmentRow(department.id(), department.name(), currentFigures(own, current),
                    lastHourFigures(own, current), (int) openAlerts));
            trends.put(department.id(), trend(own, now, current));
        }
        return new DashboardSnapshot(now, directory.calendar().zone().getId(), settings.windowMinutes(), current == null ? null : Instant.ofEpochMilli(current),
                table, board(directory, open), views(directory, open), views(directory, resolved), trends);
    }

    /** The trend of one line, on the same axis as the departments'; null when the line is not in the directory. */
    public Trend lineTrend(String number) throws DashboardStoreException {
        if (store.directory().line(number) == null) {
            return null;
        }
        Instant now = clock.instant();
        List<WindowMetrics> rows = store.windows(Scope.line, settings.windowMinutes(), trendStart(now));
        return trend(byKey(rows).getOrDefault(number, List.of()), now, newestWindowStart(rows));
    }

    private Instant trendStart(Instant now) {
        long window = windowMillis();
        long from = now.minus(Duration.ofHours(settings.trendHours())).toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(from, window) * window);
    }

    private long windowMillis() {
        return Duration.ofMinutes(settings.windowMinutes()).toMillis();
    }

    private static Long newestWindowStart(List<WindowMetrics> rows) {
        return rows.stream().map(row -> row.windowStart).max(Long::compare).orElse(null);
    }

    private static Map<String, List<WindowMetrics>> byKey(List<WindowMetrics> rows) {
        Map<String, List<WindowMetrics>> byKey = new HashMap<>();
        for (WindowMetrics row : rows) {
            byKey.computeIfAbsent(row.key, k -> new ArrayList<>()).add(row);
        }
        return byKey;
    }

    private Figures currentFigures(List<WindowMetrics> rows, Long current) {
        Counts sum = new Counts();
        for (WindowMetrics row : rows) {
            if (current != null && row.windowStart == current) {
                sum.add(row.counts);
            }
        }
        return figures(sum);
    }

    /** The windows in the hour that ends with the current window, counts summed. */
    private Figures lastHourFigures(List<WindowMetrics> rows, Long current) {
        Counts sum = new Counts();
        if (current != null) {
            long end = current + windowMillis();
            for (WindowMetrics row : rows) {
                if (row.windowStart >= end - HOUR.toMillis() && row.windowStart < end) {
                    sum.add(row.counts);
                }
            }
        }
        return figures(sum);
    }

    static Figures figures(Counts counts) {
        Rates rates = Rates.of(counts);
        Double connection = rates.connectionRate().value();
        Double answer = rates.answerRate().value();
        Double abandonment = rates.abandonmentRate().value();
        Double serviceLevel = rates.serviceLevel().value();
        Map<String, String> status = new LinkedHashMap<>();
        status.put("connectionRate", RateThresholds.CONNECTION_RATE.status(connection));
        status.put("answerRate", RateThresholds.ANSWER_RATE.status(answer));
        status.put("abandonmentRate", RateThresholds.ABANDONMENT_RATE.status(abandonment));
        status.put("serviceLevel", RateThresholds.SERVICE_LEVEL.status(serviceLevel));
        return new Figures(counts.attempts, connection, answer, abandonment, serviceLevel, status);
    }

    /** One point per window from the trend start to the current window; windows without a row count 0 calls. */
    private Trend trend(List<WindowMetrics> rows, Instant now, Long current) {
        List<Long> t = new ArrayList<>();
        List<Double> connection = new ArrayList<>();
        List<Double> answer = new ArrayList<>();
        List<Long> offered = new ArrayList<>();
        if (current != null) {
            Map<Long, Counts> byStart = new HashMap<>();
            rows.forEach(row -> byStart.put(row.windowStart, row.counts));
            for (long start = trendStart(now).toEpochMilli(); start <= current; start += windowMillis()) {
                Counts counts = byStart.getOrDefault(start, new Counts());
                Rates rates = Rates.of(counts);
                t.add(start / 1000);
                connection.add(rates.connectionRate().value());
                answer.add(rates.answerRate().value());
                offered.add(counts.attempts);
            }
        }
        return new Trend(t, connection, answer, offered);
    }

    /**
     * Every directory line with its open alerts; within a department the problem lines first
     * (critical before warning, then the longest open), and departments with problems first.
     */
    private static List<BoardDepartment> board(Directory directory, List<Alert> open) {
        Map<String, List<LineAlert>> alertsByLine = new HashMap<>();
        for (Alert alert : open) {
            if (alert.getLine() != null) {
                alertsByLine.computeIfAbsent(alert.getLine(), l -> new ArrayList<>()).add(new LineAlert(
                        alert.getId(), alert.getType().name(), alert.getSeverity().name(), alert.getStartsAt()));
            }
        }
        List<BoardDepartment> board = new ArrayList<>();
        for (Department department : directory.departments()) {
            List<BoardLine> lines = new ArrayList<>();
            for (Line line : directory.linesOf(department.id())) {
                List<LineAlert> alerts = new ArrayList<>(alertsByLine.getOrDefault(line.number(), List.of()));
                alerts.sort(Comparator.comparing(DashboardView::severityRank).thenComparing(LineAlert::since));
                lines.add(new BoardLine(line.number(), line.name(), alerts));
            }
            // List.sort is stable: lines of equal rank keep directory order.
            lines.sort(Comparator.comparing(DashboardView::lineRank)
                    .thenComparing(line -> line.alerts().isEmpty() ? Instant.MAX : line.alerts().get(0).since()));
            int problems = (int) lines.stream().filter(line -> !line.alerts().isEmpty()).count();
            board.add(new BoardDepartment(department.id(), department.name(), problems, lines));
        }
        board.sort(Comparator.comparing(department -> department.problemLines() == 0));
        return board;
    }

    private static int severityRank(LineAlert alert) {
        return Severity.critical.name().equals(alert.severity()) ? 0 : 1;
    }

    private static int lineRank(BoardLine line) {
        return line.alerts().isEmpty() ? 2 : severityRank(line.alerts().get(0));
    }

    private static List<AlertView> views(Directory directory, List<Alert> alerts) {
        List<AlertView> views = new ArrayList<>();
        for (Alert alert : alerts) {
            Line line = alert.getLine() == null ? null : directory.line(alert.getLine());
            Department department = alert.getDepartment() == null ? null : directory.department(alert.getDepartment());
            views.add(new AlertView(alert.getId(), alert.getType().name(), alert.getSeverity().name(),
                    alert.getState().name(), alert.getLine(), line == null ? null : line.name(),
                    alert.getDepartment(), department == null ? null : department.name(),
                    alert.getStartsAt(), alert.getEndsAt(), Map.copyOf(alert.getLabels()), alert.getSummary()));
        }
        return views;
    }
}
