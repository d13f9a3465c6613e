package org.hotlinepulse.postgres;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.testing.RequiredService;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test class: created before its tests, dropped after
 * them, so classes can run repeatedly and side by side. The server is the one of
 * {@code HOTLINE_PULSE_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres})
 * as {@code HOTLINE_PULSE_TEST_PG_USER} (default: postgres, then root); when none answers, the
 * class is skipped with the reason (see {@link RequiredService}).
 */
public final class TemporaryDatabase implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private static final String SERVER_URL = System.getenv()
            .getOrDefault("HOTLINE_PULSE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final List<String> USERS = System.getenv("HOTLINE_PULSE_TEST_PG_USER") != null
            ? List.of(System.getenv("HOTLINE_PULSE_TEST_PG_USER")) : List.of("postgres", "root");

    private final String purpose;
    private JdbcConfig admin;
    private String name;

    /** @param purpose a short word that goes into the database name, for whoever lists databases */
    public TemporaryDatabase(String purpose) {
        this.purpose = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        StringBuilder failures = new StringBuilder();
        if (admin == null) {
            admin = reachableServer(failures);
        }
        return RequiredService.condition(admin != null, "no PostgreSQL server answers (" + failures
                + "); start it with: pg_ctlcluster --skip-systemctl-redirect <version> main start");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        name = create("hp_test_" + purpose);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (name != null) {
            drop(name);
        }
    }

    /** How to reach this class's database; no password (the server trusts local users). */
    public JdbcConfig config() {
        return configOf(name);
    }

    /** A new connection to this class's database; close it. */
    public Connection connect() throws DatabaseException {
        return PostgresConnections.open(config(), Map.of());
    }

    /** Creates one more empty database on the same server, e.g. for a test that needs a fresh one. */
    public String create(String prefix) throws SQLException, DatabaseException {
        String database = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = PostgresConnections.open(admin, Map.of()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return database;
    }

    /** Drops a database made by {@link #create}, closing anything still connected to it. */
    public void drop(String database) throws SQLException, DatabaseException {
        try (Connection c = PostgresConnections.open(admin, Map.of()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** How to reach a database of this server. */
    public JdbcConfig configOf(String database) {
        String base = admin.url().substring(0, admin.url().lastIndexOf('/') + 1);
        return new JdbcConfig(base + database, admin.user());
    }

    private static JdbcConfig reachableServer(StringBuilder failures) {
        for (String user : USERS) {
            JdbcConfig candidate = new JdbcConfig(SERVER_URL, user);
            try (Connection ignored = PostgresConnections.open(candidate, Map.of())) {
                return candidate;
            } catch (DatabaseException | SQLException e) {
                failures.append(failures.isEmpty() ? "" : "; ").append(e.getMessage());
            }
        }
        return null;
    }
}
