package org.hotlinepulse.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A YAML document read into a small tree that remembers, for every node, its line in the file
 * and, for scalars, whether they were written without quotes. Jackson's own tree keeps neither,
 * and both are needed: the line for error messages, the quoting to catch {@code number: 0371},
 * which YAML reads as the octal integer 249.
 */
final class YamlTree {

    private static final PlainAwareFactory FACTORY = new PlainAwareFactory();

    private YamlTree() {
    }

    /** A node of the tree; {@link #line()} is 1-based. */
    sealed interface Node permits MapNode, ListNode, ScalarNode {
        int line();
    }

    /** One key of a mapping with the line the key is on. */
    record Entry(String key, int keyLine, Node value) {
    }

    record MapNode(int line, Map<String, Entry> entries) implements Node {
        Node get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }
    }

    record ListNode(int line, List<Node> items) implements Node {
    }

    enum Kind { STRING, INT, FLOAT, BOOLEAN, NULL }

    /**
     * A scalar: {@code text} as written, {@code kind} as YAML resolves it, {@code plain} when
     * written without quotes or tag, and for INT its value.
     */
    record ScalarNode(int line, String text, Kind kind, boolean plain, BigInteger intValue, double floatValue)
            implements Node {
        boolean isNull() {
            return kind == Kind.NULL;
        }
    }

    /** The YAML cannot be read; the message says what and where, as one line. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /** Reads the one document in {@code text}; null when it holds none (empty, or comments only). */
    static Node read(String text) throws SyntaxException {
        try (PlainAwareParser p = (PlainAwareParser) FACTORY.createParser(new StringReader(text))) {
            JsonToken token = p.nextToken();
            if (token == null) {
                return null;
            }
            Node root = readNode(p, token);
            if (p.nextToken() != null) {
                throw new SyntaxException("the file holds more than one YAML document (\"---\"); keep the whole directory in one (line "
                        + p.currentTokenLocation().getLineNr() + ")");
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked) {
                throw new SyntaxException(describe(marked));
            }
            String message = oneLine(e.getOriginalMessage());
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new SyntaxException("YAML syntax error: " + message + (line > 0 ? " (line " + line + ")" : ""));
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string", e);
        }
    }

    private static Node readNode(PlainAwareParser p, JsonToken token) throws IOException, SyntaxException {
        int line = p.currentTokenLocation().getLineNr();
        if (p.isCurrentAlias()) {
            throw new SyntaxException("aliases such as *" + p.getText()
                    + " are not supported; write the value out (line " + line + ")");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Entry> entries = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    Node value = readNode(p, p.nextToken());
                    Entry previous = entries.putIfAbsent(key, new Entry(key, keyLine, value));
                    if (previous != null) {
                        throw new SyntaxException("duplicate key \"" + key + "\", first written on line "
                                + previous.keyLine() + " (line " + keyLine + ")");
                    }
                }
                return new MapNode(line, Collections.unmodifiableMap(entries));
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    items.add(readNode(p, t));
                }
                return new ListNode(line, Collections.unmodifiableList(items));
            }
            case VALUE_NUMBER_INT:
                return new ScalarNode(line, p.getText(), Kind.INT, p.currentScalarIsPlain(), p.getBigIntegerValue(), Double.NaN);
            case VALUE_NUMBER_FLOAT:
                return new ScalarNode(line, p.getText(), Kind.FLOAT, p.currentScalarIsPlain(), null, p.getDoubleValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ScalarNode(line, p.getText(), Kind.BOOLEAN, p.currentScalarIsPlain(), null, Double.NaN);
            case VALUE_NULL:
                return new ScalarNode(line, p.getText(), Kind.NULL, p.currentScalarIsPlain(), null, Double.NaN);
            default:
                return new ScalarNode(line, p.getText(), Kind.STRING, p.currentScalarIsPlain(), null, Double.NaN);
        }
    }

    private static String describe(MarkedYAMLException e) {
        StringBuilder sb = new StringBuilder("YAML syntax error: ");
        sb.append(oneLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        if (e.getProblemMark() != null) {
            sb.append(" (line ").append(e.getProblemMark().getLine() + 1)
              .append(", column ").append(e.getProblemMark().getColumn() + 1).append(')');
        }
        if (e.getContext() != null) {
            sb.append("; ").append(oneLine(e.getContext()));
            if (e.getContextMark() != null) {
                sb.append(" that starts on line ").append(e.getContextMark().getLine() + 1);
            }
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Creates {@link PlainAwareParser}s, which can tell a quoted scalar from a plain one. */
    private static final class PlainAwareFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
            return new PlainAwareParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }
    }

    private static final class PlainAwareParser extends YAMLParser {
        PlainAwareParser(IOContext ctxt, int parserFeatures, int formatFeatures, LoaderOptions loaderOptions,
                         ObjectCodec codec, Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, loaderOptions, codec, reader);
        }

        boolean currentScalarIsPlain() {
            return _lastEvent instanceof ScalarEvent s && s.isPlain() && s.getTag() == null;
        }
    }
}
