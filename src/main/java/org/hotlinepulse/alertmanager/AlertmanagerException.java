package org.hotlinepulse.alertmanager;

/**
 * A request to Alertmanager that did not succeed; {@link #retryable} tells whether sending the
 * same alerts again later can (Alertmanager down, 5xx, 429, refused token) or cannot (a body it
 * rejects as invalid) succeed.
 */
public class AlertmanagerException extends Exception {
    private final boolean retryable;

    public AlertmanagerException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
