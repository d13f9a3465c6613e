package org.hotlinepulse.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every validation rule of the directory YAML, each with the exact message a person reads. */
class DirectoryYamlLoaderUnitTest {

    /** Lines 1-3 of most test files; "lines:" then starts on line 4. */
    private static final String DEPARTMENTS = """
            departments:
              - { id: zz-social-security, name: 郑州市社会保险中心 }
              - { id: zz-12345, name: 郑州市12345政务服务便民热线 }
            """;

    private static Directory parse(String yaml) throws DirectoryException {
        return DirectoryYamlLoader.parse(yaml, "directory.yaml");
    }

    private static String problemIn(String yaml) {
        try {
            parse(yaml);
        } catch (DirectoryException e) {
            assertThat(e.problems()).as("problems in %n%s", yaml).hasSize(1);
            return e.getMessage();
        }
        throw new AssertionError("no problem found in\n" + yaml);
    }

    @Nested
    class Lines {

        @Test
        void departmentNotDefined() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                      - { number: "037167890002", department: zz-social-security, hours: 24x7 }
                      - { number: "037167890003", department: zz-social-security, hours: 24x7 }
                      - number: "037167890004"
                        department: zz-x
                        hours: 24x7
                    """)).isEqualTo("directory.yaml: lines[3] (number 037167890004): department \"zz-x\" is not defined in departments (line 9)");
        }

        @Test
        void duplicateNumber() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                      - { number: "037167890001", department: zz-12345, hours: 24x7 }
                    """)).isEqualTo("directory.yaml: lines[1] (number 037167890001): duplicate number, already used by lines[0] (line 6)");
        }

        @Test
        void missingNumber() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - department: zz-social-security
                        hours: 24x7
                    """)).isEqualTo("directory.yaml: lines[0]: number is missing; write the line number in quotes, e.g. \"037167890001\" (line 5)");
        }

        @Test
        void missingDepartment() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - number: "037167890001"
                        hours: 24x7
                    """)).isEqualTo("directory.yaml: lines[0] (number 037167890001): department is missing; "
                    + "write the id of one of the departments (line 5)");
        }

        @Test
        void missingHours() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - number: "037167890001"
                        department: zz-social-security
                        hours:
                    """)).isEqualTo("directory.yaml: lines[0] (number 037167890001): hours is missing; "
                    + "write \"24x7\" or days and times such as \"Mon-Fri 08:30-17:30\" (line 5)");
        }

        @Test
        void badHoursCarryTheParsersMessage() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - number: "037167890001"
                        department: zz-social-security
                        hours: "Mon-Fri 08:30-12:00,14:30-1730"
                    """)).isEqualTo("directory.yaml: lines[0] (number 037167890001): hours \"Mon-Fri 08:30-12:00,14:30-1730\": "
                    + "\"1730\" is not a time; expected HH:mm such as 08:30 (line 7)");
        }

        @Test
        void nameDefaultsToTheNumber() throws DirectoryException {
            Directory directory = parse(DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    """);

            assertThat(directory.line("037167890001").name()).isEqualTo("037167890001");
        }

        @Test
        void anUnquotedNumberIsItsDecimalString() throws DirectoryException {
            Directory directory = parse(DEPARTMENTS + """
                    lines:
                      - { number: 12345, department: zz-12345, hours: 24x7 }
                    """);

            assertThat(directory.line("12345")).isNotNull();
        }

        @Test
        void anUnquotedNumberWithALeadingZeroMustBeQuoted() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - number: 0371
                        department: zz-social-security
                        hours: 24x7
                    """)).isEqualTo("directory.yaml: lines[0]: number 0371 must be written in quotes, as \"0371\": "
                    + "unquoted, YAML reads a number with a leading 0 as octal or drops the 0 (line 5)");
            // Not valid octal, so some YAML readers keep it as text, but others drop the 0: refused as well.
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - number: 037167890001
                        department: zz-social-security
                        hours: 24x7
                    """)).isEqualTo("directory.yaml: lines[0]: number 037167890001 must be written in quotes, as \"037167890001\": "
                    + "unquoted, YAML reads a number with a leading 0 as octal or drops the 0 (line 5)");
        }

        @Test
        void anUnquotedNumberThatYamlRewritesMustBeQuoted() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - { number: 12_345, department: zz-12345, hours: 24x7 }
                    """)).isEqualTo("directory.yaml: lines[0]: number 12_345 must be written in quotes, as \"12_345\": "
                    + "unquoted, YAML reads it as the number 12345 (line 5)");
        }

        @Test
        void aNumberIsDigitsOnly() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - { number: "0371 6789 0001", department: zz-social-security, hours: 24x7 }
                    """)).isEqualTo("directory.yaml: lines[0]: number \"0371 6789 0001\" must be digits only, optionally after a + (line 5)");
        }

        @Test
        void negativeExpectedCalls() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - number: "037167890001"
                        department: zz-social-security
                        hours: 24x7
                        expected_calls_per_hour: -2
                    """)).isEqualTo("directory.yaml: lines[0] (number 037167890001): expected_calls_per_hour -2 must be zero or more (line 8)");
        }

        @Test
        void expectedCallsMustBeANumber() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7, expected_calls_per_hour: many }
                    """)).isEqualTo("directory.yaml: lines[0] (number 037167890001): expected_calls_per_hour \"many\" "
                    + "must be a number of calls per hour such as 12 (line 5)");
        }

        @Test
        void anEntryMustBeAMapping() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - "037167890001"
                    """)).isEqualTo("directory.yaml: lines[0]: must be a mapping with number, department, name, hours, "
                    + "expected_calls_per_hour, thresholds (line 5)");
        }

        @Test
        void unknownKeyWithASuggestion() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - number: "037167890001"
                        department: zz-social-security
                        hours: 24x7
                        expected_call_per_hour: 12
                    """)).isEqualTo("directory.yaml: lines[0] (number 037167890001): unknown key \"expected_call_per_hour\"; "
                    + "did you mean \"expected_calls_per_hour\"? (line 8)");
        }

        @Test
        void unknownKeyWithoutASuggestion() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7, owner: 张三 }
                    """)).isEqualTo("directory.yaml: lines[0] (number 037167890001): unknown key \"owner\"; "
                    + "expected number, department, name, hours, expected_calls_per_hour, thresholds (line 5)");
        }

        @Test
        void emptyLines() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines: []
                    """)).isEqualTo("directory.yaml: lines is empty; list each published line with number, department and hours "
                    + "(an empty directory would make every call an unknown line) (line 4)");
        }

        @Test
        void missingLines() {
            assertThat(problemIn(DEPARTMENTS)).isEqualTo(
                    "directory.yaml: lines is missing; list each published line with number, department and hours (line 1)");
        }
    }

    @Nested
    class Thresholds {

        private String line(String thresholds) {
            return DEPARTMENTS + """
                    lines:
                      - number: "037167890001"
                        department: zz-social-security
                        hours: 24x7
                        thresholds: %s
                    """.formatted(thresholds);
        }

        @Test
        void unknownThresholdWithASuggestion() {
            assertThat(problemIn(line("{ constant_busy_shar: 0.8 }"))).isEqualTo("directory.yaml: lines[0] (number 037167890001): "
                    + "unknown threshold \"constant_busy_shar\"; did you mean \"constant_busy_share\"? (line 8)");
        }

        @Test
        void unknownThresholdListsTheKnownOnes() {
            assertThat(problemIn(line("{ busy: 0.8 }"))).isEqualTo("directory.yaml: lines[0] (number 037167890001): "
                    + "unknown threshold \"busy\"; known thresholds: out_of_service_failed_attempts, out_of_service_window_minutes, "
                    + "constant_busy_min_attempts, constant_busy_share, constant_busy_resolve_share, constant_busy_window_minutes, "
                    + "unanswered_min_connected, unanswered_window_minutes, silent_min_expected_calls, silent_min_minutes, "
                    + "high_abandonment_min_connected, high_abandonment_rate, high_abandonment_resolve_rate, "
                    + "high_abandonment_window_minutes, probe_failed_consecutive (line 8)");
        }

        @Test
        void theUnknownLineThresholdIsJobWide() {
            assertThat(problemIn(line("{ unknown_line_attempts: 5 }"))).isEqualTo("directory.yaml: lines[0] (number 037167890001): "
                    + "threshold unknown_line_attempts applies to numbers missing from the directory, so it cannot be set on a line; "
                    + "it cannot be set anywhere else either: UNKNOWN_LINE fires at 3 attempts within 60 minutes in every job "
                    + "(docs/alerts.md) (line 8)");
        }

        @Test
        void aShareIsBetweenZeroAndOne() {
            assertThat(problemIn(line("{ constant_busy_share: 80 }"))).isEqualTo("directory.yaml: lines[0] (number 037167890001): "
                    + "threshold constant_busy_share 80 must be a share above 0 and at most 1, such as 0.8 (line 8)");
        }

        @Test
        void aCountIsAWholeNumber() {
            assertThat(problemIn(line("{ unanswered_min_connected: 2.5 }"))).isEqualTo("directory.yaml: lines[0] (number 037167890001): "
                    + "threshold unanswered_min_connected 2.5 must be a whole number of at least 1, such as 5 (line 8)");
            assertThat(problemIn(line("{ silent_min_minutes: \"15\" }"))).isEqualTo("directory.yaml: lines[0] (number 037167890001): "
                    + "threshold silent_min_minutes \"15\" must be a whole number of minutes of at least 1, such as 15 (line 8)");
        }

        @Test
        void aResolveLevelAboveItsFiringLevelIsRefused() {
            assertThat(problemIn(line("{ constant_busy_share: 0.8, constant_busy_resolve_share: 0.9 }")))
                    .isEqualTo("directory.yaml: lines[0] (number 037167890001): threshold constant_busy_resolve_share 0.9 must not be above "
                            + "constant_busy_share 0.8, or the alert would resolve while it still fires (line 8)");
        }

        @Test
        void thresholdsMustBeAMapping() {
            assertThat(problemIn(line("[constant_busy_share, 0.8]"))).isEqualTo("directory.yaml: lines[0] (number 037167890001): "
                    + "thresholds must be a mapping such as { constant_busy_share: 0.8 } (line 8)");
        }

        @Test
        void everyKnownThresholdIsAccepted() throws DirectoryException {
            // contract §6 defaults, one key per line under "thresholds:".
            String everyKey = String.join("", Stream.of(
                    "out_of_service_failed_attempts: 3",
                    "out_of_service_window_minutes: 10",
                    "constant_busy_min_attempts: 10",
                    "constant_busy_share: 0.8",
                    "constant_busy_resolve_share: 0.5",
                    "constant_busy_window_minutes: 15",
                    "unanswered_min_connected: 5",
                    "unanswered_window_minutes: 20",
                    "silent_min_expected_calls: 10",
                    "silent_min_minutes: 15",
                    "high_abandonment_min_connected: 20",
                    "high_abandonment_rate: 0.4",
                    "high_abandonment_resolve_rate: 0.25",
                    "high_abandonment_window_minutes: 30",
                    "probe_failed_consecutive: 2")
                    .map(entry -> "\n      " + entry).toList());
            Directory directory = parse(line(everyKey));

            assertThat(directory.line("037167890001").thresholds()).hasSize(ThresholdKey.values().length);
        }
    }

    @Nested
    class Departments {

        @Test
        void duplicateId() {
            assertThat(problemIn("""
                    departments:
                      - { id: zz-social-security, name: 郑州市社会保险中心 }
                      - { id: zz-social-security, name: 郑州市社会保险中心（新） }
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    """)).isEqualTo("directory.yaml: departments[1] (id zz-social-security): duplicate id, already used by departments[0] (line 3)");
        }

        @Test
        void missingName() {
            assertThat(problemIn("""
                    departments:
                      - id: zz-social-security
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    """)).isEqualTo("directory.yaml: departments[0] (id zz-social-security): name is missing; "
                    + "write the department's name, e.g. 郑州市社会保险中心 (line 2)");
        }

        @Test
        void missingId() {
            // The line's department is not checked against a department without an id: one problem, not two.
            assertThat(problemIn("""
                    departments:
                      - name: 郑州市社会保险中心
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    """)).isEqualTo("directory.yaml: departments[0]: id is missing (line 2)");
        }

        @Test
        void missingDepartments() {
            assertThat(problemIn("""
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    """)).isEqualTo("directory.yaml: departments is missing; list each department with id and name (line 1)");
        }
    }

    @Nested
    class TimeZoneAndCalendar {

        @Test
        void badTimeZone() {
            assertThat(problemIn("timezone: Asia/Shangai\n" + DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    """)).isEqualTo("directory.yaml: timezone \"Asia/Shangai\" is not a time zone; use a region id such as Asia/Shanghai (line 1)");
        }

        @Test
        void theDefaultTimeZoneIsShanghai() throws DirectoryException {
            Directory directory = parse(DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    """);

            assertThat(directory.calendar().zone()).isEqualTo(DirectoryYamlLoader.DEFAULT_TIMEZONE);
            assertThat(directory.calendar().holidays()).isEmpty();
            assertThat(directory.closures()).isEmpty();
        }

        private String calendar(String calendar) {
            return "calendar:\n" + calendar + DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    """;
        }

        @Test
        void badDate() {
            assertThat(problemIn(calendar("  holidays: [2026-10-01, 2026-10-32]\n"))).isEqualTo(
                    "directory.yaml: calendar.holidays[1]: \"2026-10-32\" is not a date; expected YYYY-MM-DD such as 2026-10-01 (line 2)");
        }

        @Test
        void aDateListedTwice() {
            assertThat(problemIn(calendar("  holidays: [2026-10-01, 2026-10-02, 2026-10-01]\n"))).isEqualTo(
                    "directory.yaml: calendar.holidays[2]: 2026-10-01 is listed twice, first as calendar.holidays[0] (line 2)");
        }

        @Test
        void aDayThatIsBothHolidayAndWorkday() {
            assertThat(problemIn(calendar("  holidays: [2026-10-10]\n  workdays: [2026-10-10]\n"))).isEqualTo(
                    "directory.yaml: calendar.workdays[0]: 2026-10-10 is also listed in calendar.holidays (line 3)");
        }

        @Test
        void aWorkdayOnAWeekday() {
            assertThat(problemIn(calendar("  workdays: [2026-10-12]\n"))).isEqualTo("directory.yaml: calendar.workdays[0]: "
                    + "2026-10-12 is a Monday; workdays lists make-up working days that fall on a Saturday or Sunday (line 2)");
        }

        @Test
        void datesMustBeAList() {
            assertThat(problemIn(calendar("  holidays: 2026-10-01\n"))).isEqualTo(
                    "directory.yaml: calendar.holidays must be a list of dates such as [2026-10-01, 2026-10-02] (line 2)");
        }

        @Test
        void unknownCalendarKey() {
            assertThat(problemIn(calendar("  holiday: [2026-10-01]\n"))).isEqualTo(
                    "directory.yaml: calendar: unknown key \"holiday\"; did you mean \"holidays\"? (line 2)");
        }
    }

    @Nested
    class Closures {

        private String closure(String closure) {
            return DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    closures:
                      - %s
                    """.formatted(closure);
        }

        @Test
        void toMustBeAfterFrom() {
            assertThat(problemIn(closure("{ lines: [\"037167890001\"], from: 2026-10-20T12:00+08:00, to: 2026-10-20T08:00+08:00, reason: 线路割接 }")))
                    .isEqualTo("directory.yaml: closures[0]: to 2026-10-20T08:00+08:00 is not after from 2026-10-20T12:00+08:00 (line 7)");
            assertThat(problemIn(closure("{ lines: [\"037167890001\"], from: 2026-10-20T12:00+08:00, to: 2026-10-20T04:00Z, reason: 线路割接 }")))
                    .as("the same instant written with another offset")
                    .isEqualTo("directory.yaml: closures[0]: to 2026-10-20T04:00Z is not after from 2026-10-20T12:00+08:00 (line 7)");
        }

        @Test
        void anUnknownLine() {
            assertThat(problemIn(closure("{ lines: [\"037167890001\", \"037199999999\"], from: 2026-10-20T08:00+08:00, to: 2026-10-20T12:00+08:00, reason: 线路割接 }")))
                    .isEqualTo("directory.yaml: closures[0]: line \"037199999999\" is not in lines (line 7)");
        }

        @Test
        void anUnquotedLineWithALeadingZero() {
            assertThat(problemIn(closure("{ lines: [037167890001], from: 2026-10-20T08:00+08:00, to: 2026-10-20T12:00+08:00, reason: 线路割接 }")))
                    .isEqualTo("directory.yaml: closures[0]: line 037167890001 must be written in quotes, as \"037167890001\": "
                            + "unquoted, YAML reads a number with a leading 0 as octal or drops the 0 (line 7)");
        }

        @Test
        void aBadTime() {
            assertThat(problemIn(closure("{ lines: [\"037167890001\"], from: 2026-10-20 8am, to: 2026-10-20T12:00+08:00, reason: 线路割接 }")))
                    .isEqualTo("directory.yaml: closures[0]: from \"2026-10-20 8am\" is not a date and time; expected e.g. 2026-10-20T08:00+08:00 (line 7)");
        }

        @Test
        void aMissingReason() {
            assertThat(problemIn(closure("{ lines: [\"037167890001\"], from: 2026-10-20T08:00+08:00, to: 2026-10-20T12:00+08:00 }")))
                    .isEqualTo("directory.yaml: closures[0]: reason is missing; say why the lines are closed, e.g. 线路割接 (line 7)");
        }

        @Test
        void noLines() {
            assertThat(problemIn(closure("{ lines: [], from: 2026-10-20T08:00+08:00, to: 2026-10-20T12:00+08:00, reason: 线路割接 }")))
                    .isEqualTo("directory.yaml: closures[0]: lines is empty; name at least one line number (line 7)");
            assertThat(problemIn(closure("{ lines: \"037167890001\", from: 2026-10-20T08:00+08:00, to: 2026-10-20T12:00+08:00, reason: 线路割接 }")))
                    .isEqualTo("directory.yaml: closures[0]: lines must be a list of line numbers such as [\"037167890001\"] (line 7)");
        }

        @Test
        void aTimeWithoutOffsetIsInTheDirectorysZone() throws DirectoryException {
            Directory directory = parse(closure("{ lines: [\"037167890001\"], from: 2026-10-20T08:00, to: \"2026-10-20 12:00\", reason: 线路割接 }"));

            assertThat(directory.closures().get(0).from()).isEqualTo(Instant.parse("2026-10-20T00:00:00Z"));
            assertThat(directory.closures().get(0).to()).isEqualTo(Instant.parse("2026-10-20T04:00:00Z"));
        }
    }

    @Nested
    class TheFileAsAWhole {

        @Test
        void unknownTopLevelKey() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    closure: []
                    """)).isEqualTo("directory.yaml: unknown top-level key \"closure\"; did you mean \"closures\"? (line 6)");
        }

        @Test
        void syntaxErrorWithItsLine() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - number: "037167890001" department: zz-social-security
                    """)).isEqualTo("directory.yaml: YAML syntax error: expected <block end>, but found '<scalar>' (line 5, column 28)"
                    + "; while parsing a block mapping that starts on line 5");
        }

        @Test
        void syntaxErrorWithItsContext() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7
                    """)).isEqualTo("directory.yaml: YAML syntax error: expected ',' or '}', but got <stream end> (line 6, column 1)"
                    + "; while parsing a flow mapping that starts on line 5");
        }

        @Test
        void duplicateKey() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - number: "037167890001"
                        department: zz-social-security
                        hours: 24x7
                        hours: Mon-Fri 08:30-17:30
                    """)).isEqualTo("directory.yaml: duplicate key \"hours\", first written on line 7 (line 8)");
        }

        @Test
        void aliasesAreRefused() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - &first { number: "037167890001", department: zz-social-security, hours: 24x7 }
                      - *first
                    """)).isEqualTo("directory.yaml: aliases such as *first are not supported; write the value out (line 6)");
        }

        @Test
        void oneDocumentOnly() {
            assertThat(problemIn(DEPARTMENTS + """
                    lines:
                      - { number: "037167890001", department: zz-social-security, hours: 24x7 }
                    ---
                    lines: []
                    """)).isEqualTo("directory.yaml: the file holds more than one YAML document (\"---\"); keep the whole directory in one (line 7)");
        }

        @Test
        void emptyFile() {
            assertThat(problemIn("")).isEqualTo("directory.yaml: the file is empty; a directory needs departments and lines");
            assertThat(problemIn("# nothing yet\n")).isEqualTo("directory.yaml: the file is empty; a directory needs departments and lines");
        }

        @Test
        void notAMapping() {
            assertThat(problemIn("- 12345\n- 12350\n")).isEqualTo(
                    "directory.yaml: expected the keys timezone, calendar, departments, lines, closures at the top level (line 1)");
        }

        @Test
        void everyProblemIsReportedInFileOrder() {
            DirectoryException e = assertThrows(DirectoryException.class, () -> parse("""
                    timezone: Asia/Shangai
                    departments:
                      - { id: zz-social-security, name: 郑州市社会保险中心 }
                    lines:
                      - { number: "037167890001", department: zz-x, hours: 24x7 }
                      - { number: "037167890002", department: zz-social-security, hours: "Mon-Fri 8:30-17:30pm" }
                    """));

            assertThat(e.getMessage()).isEqualTo("directory.yaml: timezone \"Asia/Shangai\" is not a time zone; "
                    + "use a region id such as Asia/Shanghai (line 1) (and 2 more problems)");
            assertThat(e.problems()).containsExactly(
                    "directory.yaml: timezone \"Asia/Shangai\" is not a time zone; use a region id such as Asia/Shanghai (line 1)",
                    "directory.yaml: lines[0] (number 037167890001): department \"zz-x\" is not defined in departments (line 5)",
                    "directory.yaml: lines[1] (number 037167890002): hours \"Mon-Fri 8:30-17:30pm\": "
                            + "\"17:30pm\" is not a time; expected HH:mm such as 08:30 (line 6)");
        }
    }

    @Test
    void unknownKeysAreReportedWithTheOtherProblems() {
        DirectoryException e = assertThrows(DirectoryException.class, () -> parse("""
                departments:
                  - { id: zz-social-security, nmae: 郑州市社会保险中心 }
                lines:
                  - { number: "037167890001", department: zz-x, hours: 24x7 }
                """));

        assertThat(e.problems()).containsExactly(
                "directory.yaml: departments[0] (id zz-social-security): unknown key \"nmae\"; did you mean \"name\"? (line 2)",
                "directory.yaml: departments[0] (id zz-social-security): name is missing; "
                        + "write the department's name, e.g. 郑州市社会保险中心 (line 2)",
                "directory.yaml: lines[0] (number 037167890001): department \"zz-x\" is not defined in departments (line 4)");
    }

    @Nested
    class ReadingFiles {

        @TempDir
        Path dir;

        private static final String VALID = DEPARTMENTS + """
                lines:
                  - { number: "037167890001", department: zz-social-security, name: 中原区社保咨询, hours: 24x7 }
                """;

        @Test
        void aMissingFile() {
            Path missing = dir.resolve("directory.yaml");

            assertThatThrownBy(() -> Directory.load(missing))
                    .isInstanceOf(DirectoryException.class)
                    .hasMessage(missing + ": file not found");
        }

        @Test
        void aFolder() {
            assertThatThrownBy(() -> Directory.load(dir))
                    .isInstanceOf(DirectoryException.class)
                    .hasMessage(dir + ": is a folder, not a directory YAML file");
        }

        @Test
        void notUtf8() throws Exception {
            Path file = dir.resolve("directory.yaml");
            Files.write(file, VALID.replace("name: 中原区社保咨询, ", "").concat("# 备注\n").getBytes("GB18030"));

            assertThatThrownBy(() -> Directory.load(file))
                    .isInstanceOf(DirectoryException.class)
                    .hasMessage(file + ": is not UTF-8 text (line 2); save it with UTF-8 encoding");
        }

        @Test
        void utf8WithAByteOrderMark() throws Exception {
            Path file = dir.resolve("directory.yaml");
            Files.writeString(file, "\uFEFF" + VALID, StandardCharsets.UTF_8);

            assertThat(Directory.load(file).line("037167890001").name()).isEqualTo("中原区社保咨询");
        }

        @Test
        void problemsNameTheFileAsGiven() throws Exception {
            Path file = dir.resolve("directory.yaml");
            Files.writeString(file, VALID.replace("zz-social-security, name: 中原", "zz-x, name: 中原"));

            assertThatThrownBy(() -> Directory.load(file))
                    .isInstanceOf(DirectoryException.class)
                    .hasMessage(file + ": lines[0] (number 037167890001): department \"zz-x\" is not defined in departments (line 5)");
        }
    }
}
