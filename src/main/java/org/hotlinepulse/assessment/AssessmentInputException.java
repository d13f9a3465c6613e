package org.hotlinepulse.assessment;

/** The inputs of an assessment cannot be read: the message names the file and line, or the database. */
public final class AssessmentInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public AssessmentInputException(String message) {
        super(message);
    }

    public AssessmentInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
