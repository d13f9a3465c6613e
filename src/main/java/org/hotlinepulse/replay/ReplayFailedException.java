package org.hotlinepulse.replay;

/**
 * A replay whose job failed after it had started (an input that changed or vanished after it was
 * checked, a full disk): its outputs have been removed, so that none looks complete. The message
 * is the innermost cause's, which names the file where there is one.
 */
public final class ReplayFailedException extends Exception {
    ReplayFailedException(Throwable failure) {
        super(innermostMessage(failure), failure);
    }

    private static String innermostMessage(Throwable failure) {
        String message = failure.toString();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message;
    }
}
