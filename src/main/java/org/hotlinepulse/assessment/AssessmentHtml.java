package org.hotlinepulse.assessment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.Ratio;
import org.hotlinepulse.metrics.Rates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The assessment as one self-contained HTML file (contract §10) that prints on A4: ranked table
 * with abbreviated headers and their legend, per department a daily trend chart of answer and
 * connection rate (uPlot, inlined from its WebJar) and an alert timeline, every figure of the CSV
 * in tables narrow enough for the page, the definitions used, the generation time and the data
 * coverage. Figures are printed for reading ({@link ReportFigures}); the CSV has them exactly.
 * Rendered from the Mustache template {@code report.mustache}.
 */
public final class AssessmentHtml {
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);
    /** Figures per table of all figures, besides the department: what fits the width of an A4 page. */
    private static final int FIGURES_PER_TABLE = 8;

    private AssessmentHtml() {}

    public static void write(MonthlyAssessment assessment, ReportLanguage lang, Path file) throws IOException {
        Mustache template = new DefaultMustacheFactory("org/hotlinepulse/assessment").compile("report.mustache");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            template.execute(out, view(assessment, lang)).flush();
        }
    }

    static Map<String, Object> view(MonthlyAssessment a, ReportLanguage lang) {
        Coverage cov = a.coverage();
        AssessmentMonth month = a.month();
        Map<String, Object> v = new HashMap<>();
        v.put("lang", lang.tag());
        v.put("title", lang.text("title"));
        v.put("month", month.month().toString());
        v.put("generatedAtLabel", lang.text("generated_at"));
        v.put("generatedAt", TIME.format(a.generatedAt().atZone(month.zone())));
        v.put("versionLabel", lang.text("version"));
        v.put("version", a.version() == 0 ? lang.text("not_stored") : Long.toString(a.version()));
        v.put("timezoneLabel", lang.text("timezone"));
        v.put("timezone", month.zone().getId());
        v.put("sourceLabel", lang.text("source"));
        v.put("source", cov.source());
        v.put("completeness", completeness(a, lang));
        v.put("rankingLabel", lang.text("ranking"));
        v.put("rankingHeaders", abbreviatedHeaders(lang));
        v.put("rankingRows", rows(a, AssessmentColumns.RANKING));
        v.put("abbreviationsLabel", lang.text("abbreviations"));
        v.put("abbreviations", abbreviations(lang));
        v.put("detailsLabel", lang.text("details"));
        v.put("detailTables", detailTables(a, lang));
        v.put("departments", departments(a, lang));
        v.put("legend", DepartmentAlerts.LINE_TYPES.stream().map(t -> Map.of("type", t.name())).toList());
        v.put("daysWithoutDataLabel", lang.text("days_without_data"));
        v.put("definitionsLabel", lang.text("definitions"));
        v.put("definitions", definitions(lang));
        v.put("coverageLabel", lang.text("coverage"));
        v.put("coverage", coverage(cov, lang));
        v.put("uplotCss", resource(UPLOT + "uPlot.min.css"));
        v.put("uplotJs", resource(UPLOT + "uPlot.iife.min.js"));
        v.put("chartJson", chartJson(a, lang));
        return v;
    }

    private static List<Map<String, String>> completeness(MonthlyAssessment a, ReportLanguage lang) {
        Coverage cov = a.coverage();
        List<Map<String, String>> notes = new ArrayList<>();
        if (a.isComplete()) {
            notes.add(Map.of("cls", "ok", "text", lang.text("complete")));
        }
        if (!cov.daysWithoutData().isEmpty()) {
            String days = DayRanges.format(cov.daysWithoutData());
            notes.add(Map.of("cls", "warn", "text", lang.text("incomplete", cov.daysWithData().size(),
                    a.month().month().lengthOfMonth(), days)));
        }
        if (cov.assessedUntil().isBefore(a.month().end())) {
            notes.add(Map.of("cls", "warn", "text",
                    lang.text("not_over", TIME.format(cov.assessedUntil().atZone(a.month().zone())))));
        }
        return notes;
    }

    /** The ranked table's headers: abbreviations, each with its full label as a tooltip. */
    private static List<Map<String, String>> abbreviatedHeaders(ReportLanguage lang) {
        return AssessmentColumns.RANKING.stream().map(k -> Map.of("cls", isText(k) ? "text" : "",
                "text", lang.text("abbr." + k), "title", label(k, lang))).toList();
    }

    /** What each abbreviation of the ranked table stands for, where it differs from the label. */
    private static List<Map<String, String>> abbreviations(ReportLanguage lang) {
        return AssessmentColumns.RANKING.stream().filter(k -> !lang.text("abbr." + k).equals(label(k, lang)))
                .map(k -> Map.of("abbr", lang.text("abbr." + k), "label", label(k, lang))).toList();
    }

    /** Every figure, a few columns per table, each table led by the department's name. */
    private static List<Map<String, Object>> detailTables(MonthlyAssessment a, ReportLanguage lang) {
        List<String> figures = AssessmentColumns.ALL.stream().map(AssessmentColumns.Column::key)
                .filter(k -> !k.equals("department_name")).toList();
        List<Map<String, Object>> tables = new ArrayList<>();
        for (int from = 0; from < figures.size(); from += FIGURES_PER_TABLE) {
            List<String> keys = new ArrayList<>(List.of("department_name"));
            keys.addAll(figures.subList(from, Math.min(figures.size(), from + FIGURES_PER_TABLE)));
            tables.add(Map.of("headers", headers(keys, lang), "rows", rows(a, keys)));
        }
        return tables;
    }

    private static List<Map<String, String>> headers(List<String> keys, ReportLanguage lang) {
        return keys.stream().map(k -> Map.of("cls", isText(k) ? "text" : "", "text", label(k, lang))).toList();
    }

    /** The column's label in the report: its CSV header unless the printed figure needs another unit. */
    private static String label(String key, ReportLanguage lang) {
        return lang.has("printed." + key) ? lang.text("printed." + key) : lang.text("col." + key);
    }

    private static List<Map<String, Object>> rows(MonthlyAssessment a, List<String> keys) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DepartmentAssessment d : a.departments()) {
            List<Map<String, String>> cells = new ArrayList<>();
            for (String key : keys) {
                cells.add(Map.of("cls", isText(key) ? "text" : "", "text", AssessmentColumns.column(key).printed().apply(d)));
            }
            rows.add(Map.of("cells", cells));
        }
        return rows;
    }

    private static boolean isText(String key) {
        return key.startsWith("department");
    }

    private static List<Map<String, Object>> departments(MonthlyAssessment a, ReportLanguage lang) {
        AssessmentMonth month = a.month();
        List<Map<String, Object>> departments = new ArrayList<>();
        int index = 0;
        for (DepartmentAssessment d : a.departments()) {
            String id = d.department().id();
            Map<String, Object> v = new HashMap<>();
            v.put("id", id);
            v.put("name", d.department().name());
            v.put("rank", d.rank() == 0 ? "–" : "#" + d.rank());
            v.put("chartId", "chart-" + index++);
            v.put("trendsLabel", lang.text("trends"));
            v.put("timelineLabel", lang.text("timeline"));
            v.put("noEpisodesLabel", lang.text("no_episodes"));
            List<AlertEpisode> episodes = a.episodes().getOrDefault(id, List.of());
            v.put("noEpisodes", episodes.isEmpty());
            List<Map<String, Object>> gaps = a.coverage().daysWithoutData().stream()
                    .map(day -> position(month, month.startOf(day), month.startOf(day.plusDays(1)))).toList();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Line line : a.directory().linesOf(id)) {
                List<Map<String, Object>> bars = new ArrayList<>();
                for (AlertEpisode e : episodes) {
                    if (line.number().equals(e.line())) {
                        Instant end = e.endsAt() == null ? a.coverage().assessedUntil() : e.endsAt();
                        Map<String, Object> bar = position(month, e.startsAt(), end);
                        bar.put("type", e.type().name());
                        bar.put("title", e.type().name() + " " + SHORT.format(e.startsAt().atZone(month.zone()))
                                + " – " + (e.endsAt() == null ? "…" : SHORT.format(e.endsAt().atZone(month.zone()))));
                        bars.add(bar);
                    }
                }
                rows.add(Map.of("number", line.number(), "label", line.name(), "bars", bars, "gaps", gaps));
            }
            v.put("rows", rows);
            List<Map<String, Object>> ticks = new ArrayList<>();
            for (LocalDate day : month.days()) {
                if (day.getDayOfMonth() % 7 == 1) {
                    Map<String, Object> tick = position(month, month.startOf(day), month.startOf(day));
                    tick.put("label", Integer.toString(day.getDayOfMonth()));
                    ticks.add(tick);
                }
            }
            v.put("ticks", ticks);
            departments.add(v);
        }
        return departments;
    }

    /** Left and width, in percent of the month, of [from, to) clipped to the month. */
    private static Map<String, Object> position(AssessmentMonth month, Instant from, Instant to) {
        long length = Duration.between(month.start(), month.end()).toMillis();
        long left = Math.max(0, Duration.between(month.start(), from).toMillis());
        long right = Math.min(length, Duration.between(month.start(), to).toMillis());
        Map<String, Object> p = new HashMap<>();
        p.put("left", String.format(Locale.ROOT, "%.3f", 100.0 * left / length));
        p.put("width", String.format(Locale.ROOT, "%.3f", 100.0 * Math.max(0, right - left) / length));
        return p;
    }

    private static List<String> definitions(ReportLanguage lang) {
        String weights = CompositeScore.WEIGHTS.entrySet().stream()
                .map(w -> lang.text("col." + w.getKey()) + " " + w.getValue() + "%")
                .collect(Collectors.joining(", "));
        return List.of(lang.text("def.traffic"), lang.text("def.answer_rate"), lang.text("def.number_accuracy"),
                lang.text("def.resolution_rate"), lang.text("def.availability"), lang.text("def.mttr"),
                lang.text("def.alerts"), lang.text("score_weights", weights));
    }

    private static List<String> coverage(Coverage cov, ReportLanguage lang) {
        List<String> lines = new ArrayList<>();
        if (cov.windowMinutes() > 0) {
            lines.add(lang.text("window_size", cov.windowMinutes(), cov.windowsExact()
                    ? lang.text("window_exact") : lang.text("window_straddling", cov.straddlingWindows())));
        }
        lines.add(lang.text("windows_read", cov.windowsRead()));
        if (!cov.unlistedLines().isEmpty()) {
            lines.add(lang.text("unlisted", String.join(", ", cov.unlistedLines()), cov.unlistedWindows()));
        }
        lines.add(lang.text("episodes_read", cov.episodesRead()));
        return lines;
    }

    /** Days as epoch seconds and, per department, daily answer and connection rates in percent (null: no traffic). */
    private static String chartJson(MonthlyAssessment a, ReportLanguage lang) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("zone", a.month().zone().getId());
        root.putObject("labels").put("day", lang.text("day_series")).put("answer", lang.text("answer_rate_series"))
                .put("connection", lang.text("connection_rate_series"));
        ArrayNode days = root.putArray("days");
        a.month().days().forEach(day -> days.add(a.month().startOf(day).getEpochSecond()));
        ObjectNode departments = root.putObject("departments");
        for (DepartmentAssessment d : a.departments()) {
            SortedMap<LocalDate, Counts> daily = a.daily().getOrDefault(d.department().id(), new TreeMap<>());
            ObjectNode series = departments.putObject(d.department().id());
            ArrayNode answer = series.putArray("answer");
            ArrayNode connection = series.putArray("connection");
            for (LocalDate day : a.month().days()) {
                Counts c = daily.get(day);
                Rates r = c == null ? null : Rates.of(c);
                addPercent(answer, r == null ? null : r.answerRate());
                addPercent(connection, r == null ? null : r.connectionRate());
            }
        }
        // Inside a <script> element: no "</" may appear, so escape every '<'.
        return root.toString().replace("<", "\\u003c");
    }

    private static void addPercent(ArrayNode series, Ratio rate) {
        if (rate == null || !rate.isDefined()) {
            series.addNull();
        } else {
            series.add(Math.round(rate.value() * 10_000) / 100.0);
        }
    }

    private static String resource(String path) {
        try (InputStream in = AssessmentHtml.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path (the uplot WebJar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
