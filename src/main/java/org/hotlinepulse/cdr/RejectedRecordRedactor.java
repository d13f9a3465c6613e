package org.hotlinepulse.cdr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns the text of a rejected JSON line into the {@code rawRecord} of its rejection without any raw caller
 * number: caller fields become caller_hash, caller_name goes, and phone-number-like digit runs outside the
 * canonical fields are masked. Only rejected lines come here, so it may be slow.
 */
final class RejectedRecordRedactor {

    /** Longest raw text kept for a line that is not a JSON object. */
    static final int MAX_RAW_TEXT = 10_000;

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);


    private final CallerPseudonymiser pseudonymiser;

    RejectedRecordRedactor(CallerPseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    /** The rawRecord of a rejected line: the redacted object when the line is one JSON object, else a JSON string. */
    String redactLine(String line) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(line);
        } catch (JsonProcessingException | RuntimeException e) {
            tree = null;
        }
        if (tree instanceof ObjectNode) {
            return toJson(redactObject((ObjectNode) tree, true));
        }
        return toJson(TextNode.valueOf(redactText(line)));
    }

    /** A string-literal rawRecord for text that is not JSON at all, e.g. a line too long to read. */
    String redactTextAsJson(String text) {
        return toJson(TextNode.valueOf(redactText(text)));
    }

    ObjectNode redactObject(ObjectNode in, boolean topLevel) {
        String hashFromRaw = null;
        for (String field : CdrFields.RAW_CALLER) {
            JsonNode value = in.get(field);
            if (value != null && (value.isTextual() || value.isIntegralNumber())) {
                hashFromRaw = pseudonymiser.pseudonymise(value.asText());
                if (hashFromRaw != null) {
                    break;
                }
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean hashWritten = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (CdrFields.RAW_CALLER.contains(name) || name.equals(CdrFields.CALLER_HASH)) {
                if (hashWritten) {
                    continue;
                }
                if (hashFromRaw != null) {
                    out.put(CdrFields.CALLER_HASH, hashFromRaw);
                    hashWritten = true;
                } else if (name.equals(CdrFields.CALLER_HASH)) {
                    out.set(CdrFields.CALLER_HASH, redactCallerHash(value));
                    hashWritten = true;
                }
            } else if (!name.equals(CdrFields.CALLER_NAME)) {
                boolean canonical = topLevel && CdrFields.CANONICAL.contains(name);
                boolean keep = canonical && value.isValueNode();
                // A key is text like any other: {"13800001234": ...} must not carry the number out.
                out.set(canonical ? name : PhoneNumbers.mask(name), keep ? value : redactValue(value));
            }
        }
        return out;
    }

    /** Whatever a caller_hash holds that is not a pseudonym is hashed as a raw number, or dropped when it has no digit. */
    private JsonNode redactCallerHash(JsonNode value) {
        String hash = CallerHashes.fromReader(value.isValueNode() ? value.asText() : value.toString(), pseudonymiser);
        return hash == null ? NullNode.getInstance() : TextNode.valueOf(hash);
    }

    private String redactCallerHash(String value) {
        String hash = CallerHashes.fromReader(value, pseudonymiser);
        return hash == null ? "" : hash;
    }

    private JsonNode redactValue(JsonNode value) {
        if (value.isObject()) {
            return redactObject((ObjectNode) value, false);
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> out.add(redactValue(element)));
            return out;
        }
        if (value.isTextual() || value.isNumber()) {
            String text = value.asText();
            String masked = PhoneNumbers.mask(text);
            return masked.equals(text) ? value : TextNode.valueOf(masked);
        }
        return value;
    }

    /**
     * Best-effort redaction of text that is not a JSON object (docs/cdr-formats.md, "Privacy of rejected
     * records"). A small scanner rather than regular expressions: Java's regex engine recurses once per repetition
     * of an alternation such as a JSON string with escapes, and overflows the stack on long values.
     */
    String redactText(String text) {
        String s = text.length() > MAX_RAW_TEXT
                ? text.substring(0, MAX_RAW_TEXT) + "…(" + (text.length() - MAX_RAW_TEXT) + " more characters)"
                : text;
        int n = s.length();
        StringBuilder out = new StringBuilder(n + 64);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            boolean quoted = c == '"' || c == '\'';
            if (!quoted && !isWordStart(c)) {
                int end = i + 1;
                while (end < n && !isWordStart(s.charAt(end)) && s.charAt(end) != '"' && s.charAt(end) != '\'') {
                    end++;
                }
                out.append(PhoneNumbers.mask(s.substring(i, end)));
                i = end;
                continue;
            }
            int tokenEnd = quoted ? endOfQuoted(s, i) : endOfWord(s, i);
            String token = s.substring(i, tokenEnd);
            int separator = skipSpaces(s, tokenEnd);
            if (separator < n && (s.charAt(separator) == ':' || s.charAt(separator) == '=')) {
                int valueStart = skipSpaces(s, separator + 1);
                int valueEnd = endOfValue(s, valueStart);
                out.append(redactPair(token, s.substring(tokenEnd, valueStart), s.substring(valueStart, valueEnd)));
                i = valueEnd;
            } else {
                out.append(PhoneNumbers.mask(token));
                i = tokenEnd;
            }
        }
        return out.toString();
    }

    /** One {@code key: value} of a broken line, the key token and value as written (quotes included). */
    private String redactPair(String keyToken, String between, String value) {
        String key = unquote(keyToken);
        if (CdrFields.RAW_CALLER.contains(key)) {
            String hash = pseudonymiser.pseudonymise(unquote(value));
            return "\"caller_hash\":\"" + (hash == null ? "" : hash) + "\"";
        }
        if (key.equals(CdrFields.CALLER_NAME)) {
            return "\"caller_name\":\"\"";
        }
        if (key.equals(CdrFields.CALLER_HASH)) {
            String hash = redactCallerHash(unquote(value));
            return "\"caller_hash\":\"" + (hash == null ? "" : hash) + "\"";
        }
        if (keyToken.startsWith("\"") && CdrFields.CANONICAL.contains(key)) {
            return keyToken + between + value;
        }
        return PhoneNumbers.mask(keyToken) + between + PhoneNumbers.mask(value);
    }

    /** Not '_': in {@code 138_0000_1234} it separates digits. */
    private static boolean isWordStart(char c) {
        return Character.isLetter(c);
    }

    private static int endOfWord(String s, int from) {
        int i = from;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    /** The index after the closing quote, or the end of the text for an unterminated string. */
    private static int endOfQuoted(String s, int from) {
        char quote = s.charAt(from);
        int i = from + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int endOfValue(String s, int from) {
        if (from < s.length() && (s.charAt(from) == '"' || s.charAt(from) == '\'')) {
            return endOfQuoted(s, from);
        }
        int i = from;
        while (i < s.length() && ",}]".indexOf(s.charAt(i)) < 0 && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String unquote(String token) {
        if (token.isEmpty() || (token.charAt(0) != '"' && token.charAt(0) != '\'')) {
            return token;
        }
        char quote = token.charAt(0);
        int end = token.length() > 1 && token.charAt(token.length() - 1) == quote ? token.length() - 1 : token.length();
        return token.substring(1, end);
    }

    private static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
