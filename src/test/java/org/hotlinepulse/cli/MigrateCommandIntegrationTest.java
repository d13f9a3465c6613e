package org.hotlinepulse.cli;

import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.postgres.PostgresDirectoryLoader;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hotline-pulse migrate} against a real PostgreSQL: exit codes and what it prints. */
class MigrateCommandIntegrationTest {

    @RegisterExtension
    static final TemporaryDatabase DB = new TemporaryDatabase("migratecli");

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MigrateCommand(env));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    private Path config(String url) throws Exception {
        return Files.writeString(dir.resolve("job.yaml"),
                "jdbc:\n  url: " + url + "\n  user: " + DB.config().user() + "\n");
    }

    @Test
    void migratesThenFindsNothingToApply() throws Exception {
        String database = DB.create("hp_test_cli_fresh");
        try {
            String url = DB.configOf(database).url();
            Path config = config(url);

            Run first = run("--config", config.toString());
            assertThat(first.exitCode()).isZero();
            assertThat(first.err()).isEmpty();
            assertThat(first.out()).isEqualTo("migrate: " + url + ": applied 5 migrations, schema at version 5\n");

            Run again = run("--config", config.toString());
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).isEqualTo("migrate: " + url + ": schema already at version 5, nothing to apply\n");
        } finally {
            DB.drop(database);
        }
    }

    @Test
    void seedsTheDirectoryAndRefusesToOverwriteItWithoutReplace() throws Exception {
        Path config = config(DB.config().url());
        Run seeded = run("--config", config.toString(), "--seed-directory", "examples/directory.yaml",
                "--replace-directory");
        assertThat(seeded.exitCode()).isZero();
        assertThat(seeded.out()).endsWith("migrate: seeded the directory from examples/directory.yaml:"
                + " 4 departments, 10 lines, 8 calendar days, 1 closure\n");
        assertThat(PostgresDirectoryLoader.load(DB.config(), Map.of()))
                .isEqualTo(Directory.load(Path.of("examples/directory.yaml")));

        Run refused = run("--config", config.toString(), "--seed-directory", "src/test/resources/directory/zhengzhou.yaml");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("hotline-pulse migrate: " + DB.config().url()
                + ": line_directory already holds 10 lines; add --replace-directory to replace the whole"
                + " directory with src/test/resources/directory/zhengzhou.yaml\n");
        assertThat(PostgresDirectoryLoader.load(DB.config(), Map.of()).lines()).hasSize(10);
    }

    @Test
    void checkDirectoryReportsEveryProblemOfTheTables() throws Exception {
        Path config = config(DB.config().url());
        run("--config", config.toString(), "--seed-directory", "examples/directory.yaml", "--replace-directory");
        Run valid = run("--config", config.toString(), "--check-directory");
        assertThat(valid.exitCode()).isZero();
        assertThat(valid.out()).endsWith("migrate: the directory in " + DB.config().url()
                + " is valid: 4 departments, 10 lines, 1 closure\n");

        try (var c = DB.connect(); var s = c.createStatement()) {
            s.execute("UPDATE line_directory SET hours = 'weekdays' WHERE number IN ('12345', '12350')");
        }
        Run invalid = run("--config", config.toString(), "--check-directory");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err().lines()).containsExactly(
                "hotline-pulse migrate: " + DB.config().url() + ": line_directory (number 12345): hours \"weekdays\":"
                        + " \"weekdays\" has no times; expected DAYS TIMES such as \"Mon-Fri 08:30-12:00,14:30-17:30\"",
                "hotline-pulse migrate: " + DB.config().url() + ": line_directory (number 12350): hours \"weekdays\":"
                        + " \"weekdays\" has no times; expected DAYS TIMES such as \"Mon-Fri 08:30-12:00,14:30-17:30\"");
        run("--config", config.toString(), "--seed-directory", "examples/directory.yaml", "--replace-directory");
    }

    @Test
    void theEnvironmentOverridesTheConfigFile() throws Exception {
        Path config = config("jdbc:postgresql://127.0.0.1:1/nowhere");
        Run run = run(Map.of("HOTLINE_PULSE_JDBC_URL", DB.config().url()), "--config", config.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("migrate: " + DB.config().url() + ": ");
    }

    @Test
    void anUnreachableDatabaseIsExitOneWithOneLine() throws Exception {
        Path config = config("jdbc:postgresql://127.0.0.1:1/hotline");
        Run run = run(Map.of("HOTLINE_PULSE_JDBC_PASSWORD", "s3cret"), "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("hotline-pulse migrate: cannot connect to jdbc:postgresql://127.0.0.1:1/hotline as "
                + DB.config().user() + ": Connection to 127.0.0.1:1 refused").doesNotContain("s3cret");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void badInputIsExitTwoWithOneLineAndTouchesNoDatabase() throws Exception {
        Path badConfig = Files.writeString(dir.resolve("bad.yaml"), "jdbc:\n  url: mysql://db\n");
        Run config = run("--config", badConfig.toString());
        assertThat(config.exitCode()).isEqualTo(2);
        assertThat(config.err()).isEqualTo("hotline-pulse migrate: " + badConfig + ": jdbc.url: \"mysql://db\" is not a"
                + " PostgreSQL JDBC URL; write one such as jdbc:postgresql://127.0.0.1:5432/hotline (line 2)\n");

        String database = DB.create("hp_test_cli_untouched");
        try {
            Path directory = Files.writeString(dir.resolve("directory.yaml"), """
                    departments:
                      - { id: a, name: A }
                    lines:
                      - { number: "123", department: b, hours: "24x7" }
                    """);
            Run badDirectory = run("--config", config(DB.configOf(database).url()).toString(),
                    "--seed-directory", directory.toString());
            assertThat(badDirectory.exitCode()).isEqualTo(2);
            assertThat(badDirectory.err()).startsWith("hotline-pulse migrate: " + directory + ": lines[0] (number 123): ")
                    .contains("department \"b\"");
            assertThat(badDirectory.out()).isEmpty();
            // the directory is read before anything is migrated
            Run migrated = run("--config", config(DB.configOf(database).url()).toString());
            assertThat(migrated.out()).contains("applied 5 migrations");
        } finally {
            DB.drop(database);
        }

        Run missing = run("--config", dir.resolve("absent.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("hotline-pulse migrate: " + dir.resolve("absent.yaml") + ": no such file\n");

        Run replaceAlone = run("--replace-directory");
        assertThat(replaceAlone.exitCode()).isEqualTo(2);
        assertThat(replaceAlone.err()).isEqualTo("hotline-pulse migrate: --replace-directory needs --seed-directory FILE\n");

        Run unreadablePassword = run(Map.of("HOTLINE_PULSE_JDBC_PASSWORD_FILE", dir.resolve("nope").toString()),
                "--config", config(DB.config().url()).toString());
        assertThat(unreadablePassword.exitCode()).isEqualTo(2);
        assertThat(unreadablePassword.err()).startsWith("hotline-pulse migrate: HOTLINE_PULSE_JDBC_PASSWORD_FILE="
                + dir.resolve("nope") + ": cannot be read");
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--config", "--seed-directory", "--replace-directory", "--check-directory",
                "HOTLINE_PULSE_JDBC_PASSWORD", "Exit codes:");
    }
}
