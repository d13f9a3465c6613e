package org.hotlinepulse.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;

/**
 * A YAML document that cannot be read: a syntax error (the message says where, as the parser
 * sees it), or a construct the files do not allow, on {@link #line()} (0: unknown).
 */
public final class YamlException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final boolean syntax;

    YamlException(String message, int line) {
        this(message, line, false);
    }

    private YamlException(String message, int line, boolean syntax) {
        super(message);
        this.line = line;
        this.syntax = syntax;
    }

    public int line() {
        return line;
    }

    /** Whether the text is not YAML at all, rather than YAML the files do not allow. */
    public boolean isSyntaxError() {
        return syntax;
    }

    /** The parser's complaint as one line: what it expected, where, and the construct it was in. */
    static YamlException syntax(IOException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
            StringBuilder sb = new StringBuilder().append(oneLine(marked.getProblem() != null ? marked.getProblem() : marked.getMessage()));
            if (marked.getProblemMark() != null) {
                sb.append(" (line ").append(marked.getProblemMark().getLine() + 1)
                        .append(", column ").append(marked.getProblemMark().getColumn() + 1).append(')');
            }
            if (marked.getContext() != null) {
                sb.append("; ").append(oneLine(marked.getContext()));
                if (marked.getContextMark() != null) {
                    sb.append(" that starts on line ").append(marked.getContextMark().getLine() + 1);
                }
            }
            int line = marked.getProblemMark() == null ? 0 : marked.getProblemMark().getLine() + 1;
            return new YamlException(sb.toString(), line, true);
        }
        int line = e instanceof JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : 0;
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new YamlException(oneLine(message), line, true);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
