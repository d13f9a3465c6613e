package org.hotlinepulse.dashboard;

/** The dashboard's store could not be read (database down, directory invalid); the message says why. */
public final class DashboardStoreException extends Exception {

    public DashboardStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
