package org.hotlinepulse.cli;

/** Input that keeps a command from running at all: printed as one line, exit code 2. */
final class UsageError extends Exception {
    UsageError(String message) {
        super(message);
    }
}
