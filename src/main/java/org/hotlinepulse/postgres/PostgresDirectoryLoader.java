package org.hotlinepulse.postgres;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Loads the line directory (contract §5) from its PostgreSQL tables, the alternative to the YAML
 * file: the same fields, validated as strictly, every problem naming the table and row.
 */
public final class PostgresDirectoryLoader {

    private PostgresDirectoryLoader() {}

    /**
     * Connects, reads the directory tables in one snapshot and validates them.
     *
     * @throws DirectoryException when the database cannot be reached, the tables are missing
     *     or empty, or a row is invalid; one line naming the URL (without password)
     */
    public static Directory load(JdbcConfig config, Map<String, String> env) throws DirectoryException {
        try (Connection connection = PostgresConnections.open(config, env)) {
            return load(connection, config.urlWithoutPassword());
        } catch (DatabaseException e) {
            throw new DirectoryException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new DirectoryException(config.urlWithoutPassword() + ": "
                    + DatabaseException.oneLine(e.getMessage()), e);
        }
    }

    /**
     * Reads and validates the directory over an open connection.
     *
     * @param source names the database in messages, such as the URL without password
     */
    public static Directory load(Connection connection, String source) throws DirectoryException {
        DirectoryRows rows;
        try {
            rows = DirectoryTables.read(connection);
        } catch (SQLException e) {
            if (DirectoryTables.UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw new DirectoryException(source + ": the directory tables are missing ("
                        + DatabaseException.oneLine(e.getMessage()) + "); run hotline-pulse migrate first", e);
            }
            throw new DirectoryException(source + ": cannot read the directory tables: "
                    + DatabaseException.oneLine(e.getMessage()), e);
        }
        return DirectoryFromRows.build(rows, source);
    }
}
