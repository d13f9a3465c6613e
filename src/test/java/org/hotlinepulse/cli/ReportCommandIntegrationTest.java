package org.hotlinepulse.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.hotlinepulse.alerts.AlertJson;
import org.hotlinepulse.alerts.EpisodeAlerts;
import org.hotlinepulse.assessment.AlertEpisode;
import org.hotlinepulse.assessment.AssessmentColumns;
import org.hotlinepulse.assessment.AssessmentCsv;
import org.hotlinepulse.assessment.AssessmentScenario;
import org.hotlinepulse.assessment.ChromiumPdf;
import org.hotlinepulse.assessment.DepartmentAssessment;
import org.hotlinepulse.assessment.LineWindow;
import org.hotlinepulse.assessment.MonthlyAssessment;
import org.hotlinepulse.assessment.MonthlyAssessor;
import org.hotlinepulse.assessment.ReportLanguage;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.MetricsCsv;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.postgres.DirectorySeeder;
import org.hotlinepulse.postgres.MetricsUpsert;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.testing.HeadlessChromium;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code report} end to end over the generated October (AssessmentScenario): from a replay-style
 * folder and from PostgreSQL (versions kept, the latest shown), the CSV read back and compared,
 * the HTML opened in headless Chromium (screenshot, charts rendered), {@code --pdf} (A4 pages with
 * the report's text; Chromium missing), and bad input.
 */
class ReportCommandIntegrationTest {
    @RegisterExtension
    static final TemporaryDatabase DB = new TemporaryDatabase("report");

    @TempDir
    static Path work;

    private static AssessmentScenario scenario;
    private static MonthlyAssessment expected;
    private static Path replayDir;

    @BeforeAll
    static void writeScenario() throws Exception {
        scenario = new AssessmentScenario();
        expected = MonthlyAssessor.assess(scenario.source(), AssessmentScenario.MONTH, Instant.now());
        replayDir = Files.createDirectories(work.resolve("replay"));
        writeMetricsCsv(replayDir.resolve("metrics.csv"));
        try (BufferedWriter out = Files.newBufferedWriter(replayDir.resolve("alerts.jsonl"), StandardCharsets.UTF_8)) {
            for (AlertEpisode e : scenario.episodes) {
                out.write(AlertJson.episodeLine(avro(e)));
                out.newLine();
            }
        }
        Migrations.migrate(DB.config(), Map.of());
        try (Connection c = DB.connect()) {
            DirectorySeeder.seed(c, "test", scenario.directory, false);
            insertMetrics(c);
            insertAlerts(c);
        }
    }

    /** metrics.csv as replay writes it: line rows, and department rows the report must skip. */
    private static void writeMetricsCsv(Path file) throws Exception {
        Map<String, WindowMetrics> departmentRows = new HashMap<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(MetricsCsv.HEADER);
            out.newLine();
            for (LineWindow w : scenario.windows) {
                String department = department(w.line());
                out.write(MetricsCsv.row(new WindowMetrics(Scope.line, w.line(), department, w.start().toEpochMilli(),
                        w.minutes(), w.counts())));
                out.newLine();
                departmentRows.computeIfAbsent(department + w.start(), k -> new WindowMetrics(Scope.department,
                        department, null, w.start().toEpochMilli(), w.minutes(), new Counts())).counts.add(w.counts());
            }
            for (WindowMetrics d : departmentRows.values()) {
                out.write(MetricsCsv.row(d));
                out.newLine();
            }
        }
    }

    private static String department(String number) {
        Line line = scenario.directory.line(number);
        return line == null ? "unknown" : line.departmentId();
    }

    private static Alert avro(AlertEpisode e) {
        return Alert.newBuilder().setId(e.id()).setType(e.type()).setSeverity(EpisodeAlerts.severity(e.type()))
                .setState(e.isOpen() ? AlertState.FIRING : AlertState.RESOLVED).setLine(e.line())
                .setDepartment(scenario.directory.line(e.line()) == null ? null : department(e.line()))
                .setStartsAt(e.startsAt()).setEndsAt(e.endsAt()).setLabels(Map.of())
                .setSummary(e.type() + " on " + e.line()).build();
    }

    private static void insertMetrics(Connection c) throws Exception {
        // Every count column the job writes, the probe counts included.
        List<String> countColumns = MetricsUpsert.COUNT_COLUMNS;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO line_metrics (line, department, window_start,"
                + " window_minutes, " + String.join(", ", countColumns) + ") VALUES (?, ?, ?, ?"
                + ", ?".repeat(countColumns.size()) + ")")) {
            for (LineWindow w : scenario.windows) {
                s.setString(1, w.line());
                s.setString(2, department(w.line()));
                s.setTimestamp(3, Timestamp.from(w.start()));
                s.setInt(4, w.minutes());
                long[] counts = w.counts().columnValues();
                for (int i = 0; i < counts.length; i++) {
                    s.setLong(5 + i, counts[i]);
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void insertAlerts(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alerts (id, type, severity, state, line, department,"
                + " starts_at, ends_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AlertEpisode e : scenario.episodes) {
                Alert a = avro(e);
                s.setString(1, a.getId());
                s.setString(2, a.getType().name());
                s.setString(3, a.getSeverity().name());
                s.setString(4, a.getState().name());
                s.setString(5, a.getLine());
                s.setString(6, a.getDepartment());
                s.setTimestamp(7, Timestamp.from(a.getStartsAt()));
                s.setTimestamp(8, a.getEndsAt() == null ? null : Timestamp.from(a.getEndsAt()));
                s.setString(9, a.getSummary());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    @Test
    void fromAReplayFolderTheCsvHasTheAssessmentsNumbersAndTheHtmlRendersItsCharts() throws Exception {
        Path out = work.resolve("from-dir");
        CliRun run = CliRun.run("report", "--month", "2026-10", "--from-dir", replayDir.toString(),
                "--directory", AssessmentScenario.DIRECTORY_YAML.toString(), "--out", out.toString(), "--lang", "en");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2026-10 (not stored): 3 departments, 29 of 31 days with data (INCOMPLETE, "
                + "none on 2026-10-20..2026-10-21)");

        List<String[]> csv = readCsv(out.resolve("assessment-2026-10.csv"));
        assertThat(csv.get(0)).containsExactlyElementsOf(AssessmentCsv.header(ReportLanguage.en));
        assertThat(csv).hasSize(1 + expected.departments().size());
        for (int i = 0; i < expected.departments().size(); i++) {
            assertThat(csv.get(i + 1)).containsExactlyElementsOf(expectedRow(expected.departments().get(i), ""));
        }
        assertThat(csv.get(3)[2 + column("department")]).isEqualTo("dept-c");
        assertThat(csv.get(3)[2 + column("number_accuracy")]).as("C6 seen through its probes in metrics.csv")
                .isEqualTo("0.5000");

        Path html = out.resolve("assessment-2026-10.html");
        String page = Files.readString(html);
        assertThat(page).doesNotContain("<script src=").doesNotContain("<link ").contains("Incomplete month: 29 of 31 days")
                .contains("Windows summed: line windows of 60 min: every window lies wholly inside or outside service hours");
        HeadlessChromium.assumeInstalled();
        Path png = work.resolve("report.png");
        HeadlessChromium.screenshot(html, png, work);
        assertThat(Files.size(png)).isGreaterThan(50_000);
        Files.createDirectories(Path.of("target"));
        Files.copy(png, Path.of("target/report.png"), StandardCopyOption.REPLACE_EXISTING);

        String dom = HeadlessChromium.dumpDom(html, work);
        assertThat(count(dom, "class=\"uplot")).as("one uPlot chart per department").isEqualTo(3);
        assertThat(count(dom, "<canvas")).isGreaterThanOrEqualTo(3);
        assertThat(count(dom, "class=\"tl-bar t-")).as("timeline bars: October's episodes of listed lines")
                .isEqualTo(8);
        assertThat(dom.indexOf("乙区12345热线")).isLessThan(dom.indexOf("甲区社会保险中心"));
    }

    @Test
    void fromPostgresEveryRunIsANewVersionAndTheLatestIsTheOneShown() throws Exception {
        Path out = work.resolve("from-postgres");
        String[] args = {"report", "--month", "2026-10", "--jdbc-url", DB.config().url(), "--jdbc-user",
                DB.config().user(), "--out", out.toString(), "--lang", "zh"};
        CliRun first = CliRun.run(args);
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliRun second = CliRun.run(args);
        assertThat(second.exitCode()).as(second.err()).isZero();
        long firstVersion = version(first.out());
        long secondVersion = version(second.out());
        assertThat(secondVersion).isGreaterThan(firstVersion);

        List<String[]> csv = readCsv(out.resolve("assessment-2026-10.csv"));
        assertThat(csv.get(0)).containsExactlyElementsOf(AssessmentCsv.header(ReportLanguage.zh));
        for (int i = 0; i < expected.departments().size(); i++) {
            assertThat(csv.get(i + 1)).containsExactlyElementsOf(
                    expectedRow(expected.departments().get(i), Long.toString(secondVersion)));
        }
        assertThat(Files.readString(out.resolve("assessment-2026-10.html"))).contains("本月数据不完整");

        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), min(days_with_data), min(days_without_data::text)"
                    + " FROM assessment_runs WHERE month = '2026-10-01'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.getInt(2)).isEqualTo(29);
                assertThat(rs.getString(3)).isEqualTo("{2026-10-20,2026-10-21}");
            }
            assertThat(count(s, "SELECT count(*) FROM assessment_monthly")).isEqualTo(6);
            List<String> latest = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT run_id, department, rank, answer_rate, availability, attempts,"
                    + " number_accuracy FROM assessment_monthly_latest ORDER BY rank")) {
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(secondVersion);
                    DepartmentAssessment d = expected.departments().get(latest.size());
                    assertThat(rs.getString(2)).isEqualTo(d.department().id());
                    assertThat(rs.getInt(3)).isEqualTo(d.rank());
                    assertThat(rs.getDouble(4)).isEqualTo(d.rates().answerRate().value());
                    assertThat(rs.getDouble(5)).isEqualTo(d.availability().ratio().value());
                    assertThat(rs.getLong(6)).isEqualTo(d.inService().attempts);
                    // dept-c's 0.5 needs C6's probe counts from line_metrics.
                    assertThat(rs.getDouble(7)).isEqualTo(d.numberAccuracy().value());
                    latest.add(rs.getString(2));
                }
            }
            assertThat(latest).containsExactly("dept-b", "dept-a", "dept-c");
        }
    }

    @Test
    void withPdfItPrintsTheReportOnA4PagesWithItsText() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path out = work.resolve("pdf");
        CliRun run = CliRun.run("report", "--month", "2026-10", "--from-dir", replayDir.toString(),
                "--directory", AssessmentScenario.DIRECTORY_YAML.toString(), "--out", out.toString(), "--pdf");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path pdf = out.resolve("assessment-2026-10.pdf");
        assertThat(run.out()).endsWith("and " + pdf + System.lineSeparator());
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        List<double[]> pages = mediaBoxes(new String(bytes, StandardCharsets.ISO_8859_1));
        assertThat(pages).as("pages").hasSizeBetween(3, 8);
        for (double[] page : pages) {
            // Chromium gives A4 as 594.96 × 841.92 points.
            assertThat(page[0]).as("page width").isCloseTo(595, within(0.5));
            assertThat(page[1]).as("page height").isCloseTo(842, within(0.5));
        }
        Files.createDirectories(Path.of("target"));
        Files.copy(pdf, Path.of("target/report.pdf"), StandardCopyOption.REPLACE_EXISTING);

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftotext")),
                "pdftotext is not installed; install it with: apt-get install -y poppler-utils");
        Process pdftotext = new ProcessBuilder("/usr/bin/pdftotext", "-enc", "UTF-8", pdf.toString(), "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(pdftotext.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pdftotext.waitFor()).isZero();
        assertThat(text).contains("热线部门月度绩效考核", "甲区社会保险中心", "乙区12345热线", "接听率");
        assertThat(text).as("rates printed as percentages").containsPattern("\\d{1,3}\\.\\d %");
    }

    @Test
    void withPdfButNoChromiumTheHtmlAndCsvAreWrittenAndItExitsThree() throws Exception {
        Path out = work.resolve("no-chromium");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand(Map.of(), Clock.systemUTC(),
                new ChromiumPdf(work.resolve("no-such-chromium"), Duration.ofSeconds(5))));
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("--month", "2026-10", "--from-dir", replayDir.toString(),
                "--directory", AssessmentScenario.DIRECTORY_YAML.toString(), "--out", out.toString(), "--pdf");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("but no PDF: " + work.resolve("no-such-chromium") + " is missing")
                .contains("apt-get install -y chromium");
        assertThat(out.resolve("assessment-2026-10.html")).exists();
        assertThat(out.resolve("assessment-2026-10.csv")).exists();
        assertThat(out.resolve("assessment-2026-10.pdf")).doesNotExist();
    }

    /** Width and height in points of each page's MediaBox. */
    private static List<double[]> mediaBoxes(String pdf) {
        Matcher m = Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([\\d.]+)\\s+([\\d.]+)\\s*]").matcher(pdf);
        List<double[]> boxes = new ArrayList<>();
        while (m.find()) {
            boxes.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return boxes;
    }

    @Test
    void badInputGetsOneLineNamingFileLineAndField() throws Exception {
        CliRun badMonth = CliRun.run("report", "--month", "2026-13", "--from-dir", replayDir.toString(),
                "--directory", AssessmentScenario.DIRECTORY_YAML.toString());
        assertThat(badMonth.exitCode()).isEqualTo(2);
        assertThat(badMonth.err().strip()).isEqualTo("hotline-pulse report: --month \"2026-13\" is not a month; "
                + "write it as YYYY-MM, e.g. 2026-10");

        CliRun noDirectory = CliRun.run("report", "--month", "2026-10", "--from-dir", replayDir.toString());
        assertThat(noDirectory.exitCode()).isEqualTo(2);
        assertThat(noDirectory.err()).contains("--from-dir needs --directory FILE");

        Path broken = Files.createDirectories(work.resolve("broken"));
        List<String> lines = new ArrayList<>(Files.readAllLines(replayDir.resolve("metrics.csv")));
        lines.set(2, lines.get(2).replaceFirst(",60,\\d+,", ",60,many,"));
        Files.write(broken.resolve("metrics.csv"), lines);
        CliRun badField = CliRun.run("report", "--month", "2026-10", "--from-dir", broken.toString(),
                "--directory", AssessmentScenario.DIRECTORY_YAML.toString(), "--out", work.resolve("x").toString());
        assertThat(badField.exitCode()).isEqualTo(2);
        assertThat(badField.err().strip()).isEqualTo("hotline-pulse report: " + broken.resolve("metrics.csv")
                + " line 3: field attempts \"many\" is not a whole number");
    }

    private static List<String> expectedRow(DepartmentAssessment d, String version) {
        List<String> row = new ArrayList<>(List.of("2026-10", version));
        for (AssessmentColumns.Column c : AssessmentColumns.ALL) {
            row.add(c.value().apply(d));
        }
        return row;
    }

    private static int column(String key) {
        List<String> keys = AssessmentColumns.ALL.stream().map(AssessmentColumns.Column::key).toList();
        assertThat(keys).contains(key);
        return keys.indexOf(key);
    }

    private static List<String[]> readCsv(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(text)) {
            return rows.readAll();
        }
    }

    private static long version(String out) {
        Matcher m = Pattern.compile("\\(version (\\d+)\\)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    private static int count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
