package org.hotlinepulse.cli;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.postgres.DatabaseException;
import org.hotlinepulse.postgres.DirectorySeeder;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.PostgresDirectoryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hotline-pulse migrate}: brings the PostgreSQL schema (metrics and directory tables) to
 * this build's version and, on request, seeds the directory tables from a YAML directory.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Creates or upgrades the PostgreSQL tables of hotline-pulse (Flyway "
                + "migrations; safe to run again), and optionally fills the line directory "
                + "tables from a directory YAML file.",
                "Connection: the jdbc section of --config (default: url "
                        + "jdbc:postgresql://127.0.0.1:5432/hotline, user hotline), overridden by HOTLINE_PULSE_JDBC_URL "
                        + "and HOTLINE_PULSE_JDBC_USER; the password only from "
                        + "HOTLINE_PULSE_JDBC_PASSWORD or the file named by "
                        + "HOTLINE_PULSE_JDBC_PASSWORD_FILE."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:the database failed: not reachable, login refused, a migration or the seeding failed",
                "2:bad input: config, directory file, a directory already in the tables without "
                        + "--replace-directory, or (--check-directory) an invalid directory in the tables"})
public final class MigrateCommand implements Callable<Integer> {

    @Mixin
    JobConfigOption config = new JobConfigOption();

    @Option(names = "--seed-directory", paramLabel = "FILE",
            description = "After migrating, write this directory YAML into the directory tables "
                    + "(line_directory, departments, calendar_days, line_closures, directory_settings).")
    Path seedDirectory;

    @Option(names = "--replace-directory",
            description = "With --seed-directory: replace a directory already in the tables "
                    + "(without it, seeding refuses to overwrite lines that are there).")
    boolean replaceDirectory;

    @Option(names = "--check-directory",
            description = "Last, load the line directory from the tables as the job would and "
                    + "print every problem (after editing the tables by SQL).")
    boolean checkDirectory;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    /** The command as the CLI runs it, with the process environment. */
    public MigrateCommand() {
        this(System.getenv());
    }

    /** The command with the given environment, for tests. */
    MigrateCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (replaceDirectory && seedDirectory == null) {
                throw new UsageError("--replace-directory needs --seed-directory FILE");
            }
            JdbcConfig jdbc = jdbc();
            // Read the directory before touching the database, so a bad file changes nothing.
            Directory directory = seedDirectory == null ? null : CommandInputs.directory(seedDirectory);

            Migrations.Result migrated = Migrations.migrate(jdbc, env);
            out.println("migrate: " + jdbc.urlWithoutPassword() + ": " + (migrated.migrationsApplied() == 0
                    ? "schema already at version " + migrated.schemaVersion() + ", nothing to apply"
                    : "applied " + plural(migrated.migrationsApplied(), "migration")
                            + ", schema at version " + migrated.schemaVersion()));

            if (directory != null) {
                DirectorySeeder.Result seeded = DirectorySeeder.seed(jdbc, env, directory, replaceDirectory);
                out.println("migrate: seeded the directory from " + seedDirectory + ": "
                        + plural(seeded.departments(), "department") + ", " + plural(seeded.lines(), "line")
                        + ", " + plural(seeded.calendarDays(), "calendar day") + ", "
                        + plural(seeded.closures(), "closure"));
            }
            if (checkDirectory) {
                Directory loaded = PostgresDirectoryLoader.load(jdbc, env);
                out.println("migrate: the directory in " + jdbc.urlWithoutPassword() + " is valid: "
                        + plural(loaded.departments().size(), "department") + ", "
                        + plural(loaded.lines().size(), "line") + ", "
                        + plural(loaded.closures().size(), "closure"));
            }
            out.flush();
            return 0;
        } catch (DirectoryException e) {
            // Every problem, not only the first: the operator fixes them in one go.
            e.problems().forEach(problem -> err.println("hotline-pulse migrate: " + problem));
            err.flush();
            return 2;
        } catch (UsageError e) {
            return fail(err, e.getMessage(), 2);
        } catch (DirectorySeeder.DirectoryNotEmptyException e) {
            return fail(err, e.getMessage() + "; add --replace-directory to replace the whole directory with "
                    + seedDirectory, 2);
        } catch (DatabaseException e) {
            return fail(err, e.getMessage(), 1);
        }
    }

    private JdbcConfig jdbc() throws UsageError {
        return CommandInputs.jdbc(config.load(), env, null, null);
    }

    private static int fail(PrintWriter err, String message, int exitCode) {
        err.println("hotline-pulse migrate: " + message);
        err.flush();
        return exitCode;
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
