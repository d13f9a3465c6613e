package org.hotlinepulse.postgres;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.hotlinepulse.config.JdbcConfig;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Brings the database schema to the version this build needs, with Flyway and the versioned
 * SQL in {@code src/main/resources/db/migration}. Safe to run on every start: applied
 * migrations are skipped; {@code clean} (drop everything) is disabled.
 */
public final class Migrations {

    /** Where the SQL migrations are, on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    /** What a run did: how many migrations it applied and the schema version now in place. */
    public record Result(int migrationsApplied, String schemaVersion) {}

    private Migrations() {}

    /**
     * Applies every pending migration.
     *
     * @throws DatabaseException when the database cannot be reached, or a migration or
     *     Flyway's validation of the applied ones fails (one line, URL without password)
     */
    public static Result migrate(JdbcConfig config, Map<String, String> env) throws DatabaseException {
        // Connect once ourselves first: Flyway's own connection error spans several lines.
        try (Connection ignored = PostgresConnections.open(config, env)) {
            // reachable
        } catch (SQLException e) {
            throw new DatabaseException(PostgresConnections.describe("closing a connection", config, e), e);
        }
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource(config, env))
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            String version = result.targetSchemaVersion != null
                    ? result.targetSchemaVersion : result.initialSchemaVersion;
            return new Result(result.migrationsExecuted, version);
        } catch (FlywayException e) {
            throw new DatabaseException("migrating " + config.urlWithoutPassword() + " failed: "
                    + DatabaseException.oneLine(e.getMessage()), e);
        }
    }

    private static PGSimpleDataSource dataSource(JdbcConfig config, Map<String, String> env) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(config.url());
        dataSource.setUser(config.user());
        String password = config.password(env);
        if (password != null) {
            dataSource.setPassword(password);
        }
        dataSource.setApplicationName("hotline-pulse migrate");
        return dataSource;
    }
}
