package org.hotlinepulse.directory;

import java.util.List;

/**
 * The line directory cannot be used: the file is missing, unreadable or invalid. The message is
 * one line naming the file, the entry and what to fix; {@link #problems()} lists every problem found.
 */
public final class DirectoryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public DirectoryException(String message) {
        this(message, null);
    }

    public DirectoryException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /**
     * One exception for several problems, as any directory source (YAML, PostgreSQL) finds them:
     * the message is the first, with a count of the others.
     *
     * @throws IllegalArgumentException when the list is empty
     */
    public DirectoryException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each a complete one-line message; the first is this exception's message. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        int more = problems.size() - 1;
        return more == 0 ? problems.get(0)
                : problems.get(0) + " (and " + more + (more == 1 ? " more problem)" : " more problems)");
    }
}
