package org.hotlinepulse.postgres;

/**
 * PostgreSQL could not be used for what was asked: not reachable, refused the login, or a
 * migration or write failed. The message is one line naming the database (URL without password)
 * and the driver's or Flyway's reason.
 */
public final class DatabaseException extends Exception {

    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Joins a multi-line message from a driver or Flyway into one line. */
    public static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*\\R+\\s*", "; ").replaceAll("(; )?-{3,}(; )?", "; ");
    }
}
