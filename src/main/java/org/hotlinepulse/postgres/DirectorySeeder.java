package org.hotlinepulse.postgres;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.directory.Directory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes a directory (typically read from YAML) into the directory tables, replacing what they
 * held, in one transaction. Refuses to overwrite a directory that is already there unless told
 * to, since operators may have edited it by SQL since.
 */
public final class DirectorySeeder {

    /** The tables already hold a directory and replacing it was not asked for. */
    public static final class DirectoryNotEmptyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int existingLines;

        DirectoryNotEmptyException(String source, int existingLines) {
            super(source + ": line_directory already holds " + existingLines
                    + (existingLines == 1 ? " line" : " lines"));
            this.existingLines = existingLines;
        }

        /** How many lines the tables hold. */
        public int existingLines() {
            return existingLines;
        }
    }

    /** What was written. */
    public record Result(int departments, int lines, int calendarDays, int closures) {}

    private DirectorySeeder() {}

    /**
     * Connects and seeds; see {@link #seed(Connection, String, Directory, boolean)}.
     *
     * @throws DatabaseException when the database cannot be reached or the write fails
     */
    public static Result seed(JdbcConfig config, Map<String, String> env, Directory directory,
                              boolean replaceExisting) throws DatabaseException, DirectoryNotEmptyException {
        try (Connection connection = PostgresConnections.open(config, env)) {
            return seed(connection, config.urlWithoutPassword(), directory, replaceExisting);
        } catch (SQLException e) {
            throw new DatabaseException(PostgresConnections.describe("closing a connection", config, e), e);
        }
    }

    /**
     * Replaces the directory tables' content with {@code directory}.
     *
     * @param source names the database in messages
     * @param replaceExisting when false, a non-empty {@code line_directory} is left alone
     * @throws DirectoryNotEmptyException when the tables hold lines and replacing was not asked for
     */
    public static Result seed(Connection connection, String source, Directory directory,
                              boolean replaceExisting) throws DatabaseException, DirectoryNotEmptyException {
        try {
            int existing = DirectoryTables.lineCount(connection);
            if (existing > 0 && !replaceExisting) {
                throw new DirectoryNotEmptyException(source, existing);
            }
            DirectoryRows rows = DirectoryRows.of(directory);
            DirectoryTables.replace(connection, rows);
            return new Result(rows.departments().size(), rows.lines().size(),
                    rows.calendarDays().size(), directory.closures().size());
        } catch (SQLException e) {
            String hint = DirectoryTables.UNDEFINED_TABLE.equals(e.getSQLState())
                    ? " (run the migrations first)" : "";
            throw new DatabaseException(source + ": writing the directory failed: "
                    + DatabaseException.oneLine(e.getMessage()) + hint, e);
        }
    }
}
