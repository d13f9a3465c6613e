package org.hotlinepulse.postgres;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.directory.Closure;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.directory.Line;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The directory in PostgreSQL: seeded from YAML, edited by SQL, loaded and validated. */
class PostgresDirectoryIntegrationTest {

    @RegisterExtension
    static final TemporaryDatabase DB = new TemporaryDatabase("directory");

    private static final Path EXAMPLE = Path.of("examples/directory.yaml");

    private String source;

    @BeforeEach
    void seedTheExample() throws Exception {
        Migrations.migrate(DB.config(), Map.of());
        DirectorySeeder.seed(DB.config(), Map.of(), Directory.load(EXAMPLE), true);
        source = DB.config().urlWithoutPassword();
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples/directory.yaml", "src/test/resources/directory/zhengzhou.yaml"})
    void aYamlDirectoryComesBackEqualFromTheTables(String file) throws Exception {
        Directory yaml = Directory.load(Path.of(file));

        DirectorySeeder.Result seeded = DirectorySeeder.seed(DB.config(), Map.of(), yaml, true);
        Directory loaded = PostgresDirectoryLoader.load(DB.config(), Map.of());

        assertThat(seeded.lines()).isEqualTo(yaml.lines().size());
        assertThat(seeded.closures()).isEqualTo(yaml.closures().size());
        assertThat(List.copyOf(loaded.lines())).containsExactlyElementsOf(yaml.lines());
        assertThat(loaded.calendar()).isEqualTo(yaml.calendar());
        assertThat(loaded).isEqualTo(yaml);
        // equals compares hours by meaning, closures as sets of lines: check the rest to the letter
        assertThat(loaded.lines()).extracting(l -> l.hours().text())
                .containsExactlyElementsOf(yaml.lines().stream().map(l -> l.hours().text()).toList());
        assertThat(loaded.lines()).extracting(Line::name)
                .containsExactlyElementsOf(yaml.lines().stream().map(Line::name).toList());
        assertThat(loaded.departments()).containsExactlyElementsOf(yaml.departments());
        assertThat(loaded.calendar().zone()).isEqualTo(yaml.calendar().zone());
        assertThat(loaded.calendar().holidays()).containsExactlyElementsOf(yaml.calendar().holidays());
        assertThat(loaded.calendar().workdays()).containsExactlyElementsOf(yaml.calendar().workdays());
        assertThat(loaded.closures()).containsExactlyElementsOf(yaml.closures());
    }

    @Test
    void seedingRefusesToOverwriteADirectoryUnlessAskedTo() throws Exception {
        Directory other = Directory.load(Path.of("src/test/resources/directory/zhengzhou.yaml"));
        assertThatThrownBy(() -> DirectorySeeder.seed(DB.config(), Map.of(), other, false))
                .isInstanceOf(DirectorySeeder.DirectoryNotEmptyException.class)
                .hasMessage(source + ": line_directory already holds 10 lines");
        assertThat(PostgresDirectoryLoader.load(DB.config(), Map.of())).isEqualTo(Directory.load(EXAMPLE));
    }

    @Test
    void editsMadeWithSqlAreWhatTheLoaderReturns() throws Exception {
        sql("INSERT INTO departments (id, name) VALUES ('zz-housing', '郑州市住房保障和房地产管理局')",
                "INSERT INTO line_directory (number, department, name, hours, expected_calls_per_hour, thresholds)"
                        + " VALUES ('037167180001', 'zz-housing', '住房公积金咨询', 'Mon-Fri 09:00-17:00', 6,"
                        + " '{\"constant_busy_share\": 0.7}')",
                "INSERT INTO line_directory (number, department, hours) VALUES ('037167180002', 'zz-housing', '24x7')",
                "INSERT INTO calendar_days (day, kind, note) VALUES ('2026-12-31', 'holiday', '测试')",
                "UPDATE directory_settings SET timezone = 'Asia/Urumqi'",
                // one closure for two lines: rows with the same times and reason
                "INSERT INTO line_closures (line, from_time, to_time, reason) SELECT number,"
                        + " '2026-11-02 08:00+08', '2026-11-02 10:00+08', '机房搬迁' FROM line_directory"
                        + " WHERE department = 'zz-housing'",
                "DELETE FROM line_directory WHERE number = '12350'");

        Directory d = PostgresDirectoryLoader.load(DB.config(), Map.of());

        Line housing = d.line("037167180001");
        assertThat(housing.departmentId()).isEqualTo("zz-housing");
        assertThat(housing.name()).isEqualTo("住房公积金咨询");
        assertThat(housing.expectedCallsPerHour()).hasValue(6.0);
        assertThat(housing.thresholds()).containsExactly(Map.entry("constant_busy_share", 0.7));
        assertThat(d.line("037167180002").name()).isEqualTo("037167180002");
        assertThat(d.line("12350")).isNull();
        assertThat(List.copyOf(d.lines())).last().isEqualTo(d.line("037167180002"));
        assertThat(d.calendar().zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
        assertThat(d.calendar().holidays()).contains(LocalDate.parse("2026-12-31"));
        assertThat(d.closures()).hasSize(2).last().isEqualTo(new Closure(Set.of("037167180001", "037167180002"),
                Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-02T02:00:00Z"), "机房搬迁"));
    }

    @Test
    void everyInvalidRowIsReportedNamingTableAndRow() throws Exception {
        sql("UPDATE line_directory SET hours = 'Mon-Fri 08:30-12:00,14:30-1730' WHERE number = '037167890001'",
                "UPDATE line_directory SET thresholds = '{\"constant_busy_shar\": 0.8}' WHERE number = '037167890002'",
                "UPDATE line_directory SET thresholds = '{\"constant_busy_share\": \"0.8\"}' WHERE number = '037167890003'",
                "UPDATE line_directory SET thresholds = '{\"high_abandonment_rate\": 0.3, \"high_abandonment_resolve_rate\": 0.5}'"
                        + " WHERE number = '12345'",
                "UPDATE line_directory SET thresholds = '{\"constant_busy_share\": 80}' WHERE number = '12350'",
                "UPDATE directory_settings SET timezone = 'CST'");

        assertThatThrownBy(() -> PostgresDirectoryLoader.load(DB.config(), Map.of()))
                .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.problems()).containsExactly(
                        source + ": directory_settings.timezone \"CST\" is not a time zone; use a region id such as Asia/Shanghai",
                        source + ": line_directory (number 037167890001): hours \"Mon-Fri 08:30-12:00,14:30-1730\":"
                                + " \"1730\" is not a time; expected HH:mm such as 08:30",
                        source + ": line_directory (number 037167890002): unknown threshold \"constant_busy_shar\"",
                        source + ": line_directory (number 037167890003): threshold constant_busy_share \"0.8\" is not"
                                + " a number; write it without quotes, such as 0.8",
                        source + ": line_directory (number 12345): threshold high_abandonment_resolve_rate 0.5 must not"
                                + " be above high_abandonment_rate 0.3",
                        source + ": line_directory (number 12350): threshold constant_busy_share 80 must be a share"
                                + " above 0 and at most 1, such as 0.8"))
                .hasMessageEndingWith("(and 5 more problems)");
    }

    @Test
    void theSchemaRefusesHandEditsTheLoaderWouldRefuse() {
        assertRefused("INSERT INTO calendar_days (day, kind) VALUES ('2026-10-12', 'workday')",
                "calendar_days_workday_on_weekend");
        assertRefused("INSERT INTO calendar_days (day, kind) VALUES ('2026-10-03', 'workday')", "calendar_days_pkey");
        assertRefused("INSERT INTO calendar_days (day, kind) VALUES ('2026-12-25', 'Holiday')", "calendar_days_kind");
        assertRefused("INSERT INTO line_directory (number, department, hours) VALUES ('0371-6789', 'zz-12345', '24x7')",
                "line_directory_number_digits");
        assertRefused("INSERT INTO line_directory (number, department, hours) VALUES ('0371', 'zz-nowhere', '24x7')",
                "line_directory_department_fkey");
        assertRefused("UPDATE line_directory SET expected_calls_per_hour = -1", "line_directory_expected_calls_not_negative");
        assertRefused("UPDATE line_directory SET thresholds = '[0.8]'", "line_directory_thresholds_object");
        assertRefused("INSERT INTO line_closures (line, from_time, to_time, reason)"
                + " VALUES ('12345', '2026-11-02 10:00+08', '2026-11-02 08:00+08', 'x')", "line_closures_ends_after_start");
        assertRefused("INSERT INTO line_closures (line, from_time, to_time, reason)"
                + " VALUES ('99999', '2026-11-02 08:00+08', '2026-11-02 10:00+08', 'x')", "line_closures_line_fkey");
        assertRefused("DELETE FROM departments WHERE id = 'zz-12345'", "line_directory_department_fkey");
        assertRefused("UPDATE directory_settings SET timezone = 'Mars/Olympus_Mons'", "time zone \"Mars/Olympus_Mons\" not recognized");
        assertRefused("INSERT INTO directory_settings (singleton, timezone) VALUES (false, 'UTC')", "directory_settings_one_row");
    }

    @Test
    void deletingALineDeletesItsClosureRows() throws Exception {
        sql("DELETE FROM line_directory WHERE number = '037167890001'");
        Directory d = PostgresDirectoryLoader.load(DB.config(), Map.of());
        assertThat(d.closures()).singleElement().extracting(Closure::lines).isEqualTo(Set.of("037167890002"));
    }

    @Test
    void anEmptyDirectoryIsRefusedAsInYaml() throws Exception {
        sql("DELETE FROM line_directory");
        assertThatThrownBy(() -> PostgresDirectoryLoader.load(DB.config(), Map.of()))
                .hasMessage(source + ": line_directory is empty; a directory needs at least one department and one"
                        + " line (seed it with: hotline-pulse migrate --seed-directory FILE, or INSERT rows)");
    }

    @Test
    void aDatabaseWithoutTheTablesSaysToMigrate() throws Exception {
        String fresh = DB.create("hp_test_unmigrated");
        try {
            JdbcConfig config = DB.configOf(fresh);
            assertThatThrownBy(() -> PostgresDirectoryLoader.load(config, Map.of()))
                    .isInstanceOf(DirectoryException.class)
                    .hasMessageStartingWith(config.url() + ": the directory tables are missing (")
                    .hasMessageEndingWith("); run hotline-pulse migrate first");
            assertThatThrownBy(() -> DirectorySeeder.seed(config, Map.of(), Directory.load(EXAMPLE), false))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageEndingWith("(run the migrations first)");
        } finally {
            DB.drop(fresh);
        }
    }

    @Test
    void anUnreachableDatabaseIsOneLine() {
        JdbcConfig nowhere = new JdbcConfig("jdbc:postgresql://127.0.0.1:1/hotline", "hotline");
        assertThatThrownBy(() -> PostgresDirectoryLoader.load(nowhere, Map.of()))
                .isInstanceOf(DirectoryException.class)
                .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:1/hotline as hotline: Connection to 127.0.0.1:1 refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private void assertRefused(String statement, String reason) {
        assertThatThrownBy(() -> sql(statement)).as(statement)
                .isInstanceOf(SQLException.class).hasMessageContaining(reason);
    }
}
