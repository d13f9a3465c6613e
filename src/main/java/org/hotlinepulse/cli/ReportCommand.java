package org.hotlinepulse.cli;

import org.hotlinepulse.assessment.AssessmentCsv;
import org.hotlinepulse.assessment.AssessmentHtml;
import org.hotlinepulse.assessment.AssessmentInputException;
import org.hotlinepulse.assessment.AssessmentSource;
import org.hotlinepulse.assessment.ChromiumPdf;
import org.hotlinepulse.assessment.Coverage;
import org.hotlinepulse.assessment.DayRanges;
import org.hotlinepulse.assessment.MonthlyAssessment;
import org.hotlinepulse.assessment.MonthlyAssessor;
import org.hotlinepulse.assessment.ReplayOutputSource;
import org.hotlinepulse.assessment.ReportLanguage;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.postgres.AssessmentTables;
import org.hotlinepulse.postgres.DatabaseException;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.PostgresAssessmentSource;
import org.hotlinepulse.postgres.PostgresConnections;
import org.hotlinepulse.postgres.PostgresDirectoryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hotline-pulse report}: the monthly assessment of contract §10 from PostgreSQL (stored as a
 * new version in {@code assessment_monthly}) or from a replay's output folder, written as an HTML
 * report and a CSV and, with {@code --pdf}, printed to an A4 PDF.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Monthly assessment per department (docs/contract.md §10): counts summed inside service hours, "
                + "rates recomputed, number accuracy, answer, resolution and satisfaction rates, availability, "
                + "alerts, MTTR, composite score and rank. Writes assessment-YYYY-MM.html and .csv into --out, "
                + "with --pdf also assessment-YYYY-MM.pdf (A4).",
                "Source: PostgreSQL (line_metrics, alerts; the directory from its tables unless --directory), "
                        + "where each run is stored as a new version (assessment_runs, assessment_monthly; "
                        + "view assessment_monthly_latest); or --from-dir, a replay's output folder, with --directory.",
                "Connection: --jdbc-url and --jdbc-user, else HOTLINE_PULSE_JDBC_URL and _USER, else the jdbc section of --config; the "
                        + "password only from HOTLINE_PULSE_JDBC_PASSWORD or HOTLINE_PULSE_JDBC_PASSWORD_FILE."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done (also for a month with days without data: the report says which)",
                "1:the database failed", "2:bad input: options, directory, config, an unreadable metrics.csv or alerts.jsonl",
                "3:--pdf: Chromium is missing, timed out or failed (the HTML and CSV are written)"})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM",
            description = "The month to assess, in the directory's time zone.")
    String month;

    @Option(names = "--from-dir", paramLabel = "DIR",
            description = "Read a replay's output folder (metrics.csv, alerts.jsonl) instead of PostgreSQL; needs --directory.")
    Path fromDir;

    @Option(names = "--directory", paramLabel = "FILE",
            description = "The line directory (YAML); with PostgreSQL, default: its directory tables.")
    Path directory;

    @Mixin
    JobConfigOption config = new JobConfigOption();

    @Mixin
    JdbcOptions jdbc = new JdbcOptions();

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
            description = "Folder for assessment-YYYY-MM.html and .csv; created if missing (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--lang", defaultValue = "zh", paramLabel = "zh|en",
            description = "Language of the report and the CSV header (default: ${DEFAULT-VALUE}).")
    ReportLanguage lang;

    @Option(names = "--pdf",
            description = "Also print the HTML to assessment-YYYY-MM.pdf (A4) in --out, with headless Chromium "
                    + "(/usr/bin/chromium: apt-get install -y chromium fonts-wqy-microhei).")
    boolean pdf;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;
    private final ChromiumPdf printer;

    /** The command as the CLI runs it, with the process environment, the system clock and Debian's Chromium. */
    public ReportCommand() {
        this(System.getenv(), Clock.systemUTC(), ChromiumPdf.debian());
    }

    ReportCommand(Map<String, String> env, Clock clock, ChromiumPdf printer) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.printer = printer;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            YearMonth yearMonth = parseMonth(month);
            CommandInputs.requireUsableOutputDir(this.out);
            Instant now = clock.instant();
            MonthlyAssessment assessment = fromDir != null ? fromFiles(yearMonth, now) : fromPostgres(yearMonth, now, out);
            Files.createDirectories(this.out);
            Path html = this.out.resolve("assessment-" + yearMonth + ".html");
            Path csv = this.out.resolve("assessment-" + yearMonth + ".csv");
            AssessmentHtml.write(assessment, lang, html);
            AssessmentCsv.write(assessment, lang, csv);
            String wrote = html + " and " + csv;
            if (pdf) {
                Path pdfFile = this.out.resolve("assessment-" + yearMonth + ".pdf");
                try {
                    printer.print(html, pdfFile);
                } catch (ChromiumPdf.PdfException e) {
                    return fail(err, "wrote " + wrote + " but no PDF: " + e.getMessage(), 3);
                }
                wrote = html + ", " + csv + " and " + pdfFile;
            }
            out.println("report: " + summary(assessment) + "; wrote " + wrote);
            out.flush();
            return 0;
        } catch (UsageError | AssessmentInputException | DirectoryException | IllegalArgumentException e) {
            return fail(err, e.getMessage(), 2);
        } catch (DatabaseException e) {
            return fail(err, e.getMessage(), 1);
        } catch (IOException e) {
            return fail(err, "cannot write into " + this.out + ": " + e.getMessage(), 2);
        }
    }

    private MonthlyAssessment fromFiles(YearMonth yearMonth, Instant now)
            throws UsageError, AssessmentInputException {
        if (directory == null) {
            throw new UsageError("--from-dir needs --directory FILE, the directory the replay ran on");
        }
        if (jdbc.given() || config.given()) {
            throw new UsageError("--from-dir reads files only; leave out --jdbc-url, --jdbc-user and --config");
        }
        if (!Files.isDirectory(fromDir)) {
            throw new UsageError(fromDir + ": no such folder");
        }
        AssessmentSource source = new ReplayOutputSource(fromDir, CommandInputs.directory(directory));
        return MonthlyAssessor.assess(source, yearMonth, now);
    }

    private MonthlyAssessment fromPostgres(YearMonth yearMonth, Instant now, PrintWriter out)
            throws UsageError, DatabaseException, DirectoryException, AssessmentInputException {
        JdbcConfig jdbc = jdbc();
        Directory dir = directory != null ? CommandInputs.directory(directory) : null;
        Migrations.Result migrated = Migrations.migrate(jdbc, env);
        if (migrated.migrationsApplied() > 0) {
            out.println("report: applied " + migrated.migrationsApplied() + " migration(s) to "
                    + jdbc.urlWithoutPassword() + ", schema at version " + migrated.schemaVersion());
        }
        if (dir == null) {
            dir = PostgresDirectoryLoader.load(jdbc, env);
        }
        MonthlyAssessment assessment;
        try (PostgresAssessmentSource source = new PostgresAssessmentSource(PostgresConnections.open(jdbc, env), jdbc, dir)) {
            assessment = MonthlyAssessor.assess(source, yearMonth, now);
        } catch (SQLException e) {
            throw new DatabaseException("closing the connection to " + jdbc.urlWithoutPassword() + ": " + e.getMessage(), e);
        }
        try (Connection connection = PostgresConnections.open(jdbc, env)) {
            return assessment.withVersion(AssessmentTables.store(connection, assessment));
        } catch (SQLException e) {
            throw new DatabaseException("storing the assessment in " + jdbc.urlWithoutPassword() + " failed: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private JdbcConfig jdbc() throws UsageError {
        return jdbc.resolve(config.load(), env);
    }

    static YearMonth parseMonth(String text) throws UsageError {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageError("--month \"" + text + "\" is not a month; write it as YYYY-MM, e.g. 2026-10");
        }
    }

    private static String summary(MonthlyAssessment a) {
        Coverage cov = a.coverage();
        String version = a.version() == 0 ? "not stored" : "version " + a.version();
        String days = cov.daysWithData().size() + " of " + a.month().month().lengthOfMonth() + " days with data";
        if (!cov.daysWithoutData().isEmpty()) {
            days += " (INCOMPLETE, none on " + DayRanges.format(cov.daysWithoutData()) + ")";
        }
        if (cov.assessedUntil().isBefore(a.month().end())) {
            days += ", month not over: assessed until " + cov.assessedUntil();
        }
        return a.month().month() + " (" + version + "): " + a.departments().size() + " departments, " + days;
    }

    private static int fail(PrintWriter err, String message, int exitCode) {
        err.println("hotline-pulse report: " + message);
        err.flush();
        return exitCode;
    }
}
