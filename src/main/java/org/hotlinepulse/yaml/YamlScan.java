package org.hotlinepulse.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a YAML document was written and how, by path ({@code lines[3].department}),
 * for messages about values that binding accepted but the checks after it refuse. Binding keeps no
 * locations, and no way to tell {@code number: 0371} (YAML's octal 249) from {@code number: "0371"}.
 */
public final class YamlScan {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** A scalar as written: its text, YAML's reading of it, and whether it had neither quotes nor tag. */
    public record Scalar(String text, JsonToken token, boolean plain, BigInteger intValue) {}

    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, JsonToken> starts = new HashMap<>();
    private final Map<String, Scalar> scalars = new HashMap<>();
    private boolean empty = true;

    private YamlScan() {}

    /**
     * Reads the one document in {@code text}; {@code subject} names what the file holds, for the
     * message that it holds several documents.
     *
     * @throws YamlException for a syntax error, an alias, a duplicate key or a second document
     */
    public static YamlScan of(String text, String subject) throws YamlException {
        YamlScan scan = new YamlScan();
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                scan.empty = false;
                int line = p.currentTokenLocation().getLineNr();
                if (p.isCurrentAlias()) {
                    throw new YamlException("aliases such as *" + p.getText() + " are not supported; write the value out", line);
                }
                boolean structure = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
                boolean end = token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY;
                if (!structure && p.getParsingContext().inRoot()) {
                    if (!end) {
                        scan.record(p, text, "", token, line);
                    }
                    if (p.nextToken() != null) {
                        throw new YamlException("the file holds more than one YAML document (\"---\"); keep the whole "
                                + subject + " in one", p.currentTokenLocation().getLineNr());
                    }
                    break;
                }
                if (end) {
                    continue;
                }
                String path = pathOf(structure ? p.getParsingContext().getParent() : p.getParsingContext());
                if (token == JsonToken.FIELD_NAME) {
                    Integer first = scan.lines.putIfAbsent(path, line);
                    if (first != null) {
                        throw new YamlException("duplicate key \"" + p.currentName() + "\", first written on line " + first, line);
                    }
                    continue;
                }
                scan.record(p, text, path, token, line);
            }
        } catch (YamlException e) {
            throw e;
        } catch (IOException e) {
            throw YamlException.syntax(e);
        }
        return scan;
    }

    private void record(JsonParser p, String text, String path, JsonToken token, int line) throws IOException {
        lines.putIfAbsent(path, line);
        starts.put(path, token);
        if (token.isScalarValue()) {
            // SnakeYAML counts code points, not chars: a name with 𠀀 or an emoji comes before the value.
            int codePoints = (int) Math.min(p.currentTokenLocation().getCharOffset(), text.codePointCount(0, text.length()) - 1);
            char first = text.charAt(text.offsetByCodePoints(0, codePoints));
            boolean plain = first != '"' && first != '\'' && first != '!';
            scalars.put(path, new Scalar(p.getText(), token, plain,
                    token == JsonToken.VALUE_NUMBER_INT ? p.getBigIntegerValue() : null));
        }
    }

    /** Whether the document holds nothing but comments, or is empty. */
    public boolean isEmpty() {
        return empty;
    }

    /** The line of the key or list item at {@code path} (the top: ""), or 0 when there is none. */
    public int line(String path) {
        return lines.getOrDefault(path, 0);
    }

    /** The first token of the value at {@code path} ({@code START_ARRAY} for a list), or null when there is none. */
    public JsonToken token(String path) {
        return starts.get(path);
    }

    /** The scalar at {@code path}, or null when there is none. */
    public Scalar scalar(String path) {
        return scalars.get(path);
    }

    /** The path of the value {@code context} is at, as {@link YamlBinding#pathOf} writes it. */
    public static String pathOf(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = pathOf(context.getParent());
        if (context.inArray()) {
            return parent + "[" + Math.max(0, context.getCurrentIndex()) + "]";
        }
        return context.getCurrentName() == null ? parent
                : (parent.isEmpty() ? "" : parent + ".") + context.getCurrentName();
    }
}
