package org.hotlinepulse.postgres;

import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.postgres.DirectoryRows.CalendarDayRow;
import org.hotlinepulse.postgres.DirectoryRows.ClosureRow;
import org.hotlinepulse.postgres.DirectoryRows.DepartmentRow;
import org.hotlinepulse.postgres.DirectoryRows.LineRow;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation of rows that the schema's constraints normally keep out, and the conversion both ways. */
class DirectoryFromRowsUnitTest {

    private static final String SOURCE = "jdbc:postgresql://db/hotline";
    private static final Instant T8 = Instant.parse("2026-10-20T00:00:00Z");
    private static final Instant T12 = Instant.parse("2026-10-20T04:00:00Z");

    @Test
    void rowsOfADirectoryBuildTheSameDirectory() throws Exception {
        Directory yaml = Directory.load(Path.of("src/test/resources/directory/zhengzhou.yaml"));
        assertThat(DirectoryFromRows.build(DirectoryRows.of(yaml), SOURCE)).isEqualTo(yaml);
    }

    @Test
    void aMissingSettingsRowMeansTheDefaultTimeZoneAsInYaml() throws Exception {
        Directory d = DirectoryFromRows.build(rows(null, List.of(), List.of(line("12345", "a", "24x7", null)), List.of()), SOURCE);
        assertThat(d.calendar().zone().getId()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void problemsTheConstraintsWouldCatchAreStillReportedIfTheyAreDropped() {
        DirectoryRows rows = rows("Asia/Shanghai",
                List.of(new CalendarDayRow(LocalDate.parse("2026-10-12"), "workday"),
                        new CalendarDayRow(LocalDate.parse("2026-10-13"), "off")),
                List.of(line("0371-1", "a", "24x7", null), line("12345", "b", "24x7", "[]"),
                        line("12350", "a", "24x7", null)),
                List.of(new ClosureRow(7, "99999", T8, T12, "割接"), new ClosureRow(8, "12350", T12, T8, "反了")));
        assertThatThrownBy(() -> DirectoryFromRows.build(rows, SOURCE))
                .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.problems()).containsExactly(
                        SOURCE + ": calendar_days (day 2026-10-12): 2026-10-12 is a Monday; make-up workdays are"
                                + " Saturdays or Sundays that are worked",
                        SOURCE + ": calendar_days (day 2026-10-13): kind \"off\" must be holiday or workday",
                        SOURCE + ": line_directory (number 0371-1): number \"0371-1\" must be digits only, optionally after a +",
                        SOURCE + ": line_directory (number 12345): department \"b\" is not in departments",
                        SOURCE + ": line_directory (number 12345): thresholds [] must be a JSON object such as"
                                + " {\"constant_busy_share\": 0.8}",
                        SOURCE + ": line_closures (id 7, line 99999): line 99999 is not in line_directory",
                        SOURCE + ": line_closures (id 8, line 12350): closure ends at 2026-10-20T00:00:00Z, not after"
                                + " it starts at 2026-10-20T04:00:00Z"));
    }

    @Test
    void aClosureOfAnUnknownLineIsNamedButOneOfAnInvalidLineIsNotRepeated() {
        DirectoryRows rows = rows("Asia/Shanghai", List.of(),
                List.of(line("12345", "a", "24x7", null), line("12350", "a", "Mon-Fri 9-17", null)),
                List.of(new ClosureRow(1, "99999", T8, T12, "割接"), new ClosureRow(2, "12350", T8, T12, "割接")));
        assertThatThrownBy(() -> DirectoryFromRows.build(rows, SOURCE))
                .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.problems()).containsExactly(
                        SOURCE + ": line_directory (number 12350): hours \"Mon-Fri 9-17\": \"9\" is not a time;"
                                + " expected HH:mm such as 08:30",
                        SOURCE + ": line_closures (id 1, line 99999): line 99999 is not in line_directory"));
    }

    @Test
    void noDepartmentsIsRefused() {
        DirectoryRows rows = new DirectoryRows("UTC", List.of(), List.of(), List.of(line("1", "a", "24x7", null)), List.of());
        assertThatThrownBy(() -> DirectoryFromRows.build(rows, SOURCE))
                .hasMessageStartingWith(SOURCE + ": departments is empty; a directory needs at least one department");
    }

    private static DirectoryRows rows(String zone, List<CalendarDayRow> days, List<LineRow> lines, List<ClosureRow> closures) {
        return new DirectoryRows(zone, days, List.of(new DepartmentRow("a", "部门A")), lines, closures);
    }

    private static LineRow line(String number, String department, String hours, String thresholds) {
        return new LineRow(number, department, null, hours, null, thresholds == null ? "{}" : thresholds);
    }
}
