package org.hotlinepulse.cdr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a rejected JSON line into the {@code rawRecord} of its rejection without any raw caller
 * number: caller fields become caller_hash, caller_name goes, and phone-number-like digit runs outside the
 * canonical fields are masked. Only rejected lines come here, so it may be slow.
 */
final class RejectedRecordRedactor {

    /** Longest raw text kept for a line that is not a JSON object. */
    static final int MAX_RAW_TEXT = 10_000;
    static final String MASK = "***";
    /** Digit runs with at least this many digits are taken for phone numbers when outside canonical fields. */
    private static final int PHONE_DIGITS = 7;

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final String STRING_VALUE = "\"(?:[^\"\\\\]|\\\\.)*\"?";
    private static final String BARE_VALUE = "[^,}\\]\\s]*";
    private static final Pattern CALLER_PAIR = Pattern.compile(
            "([\"']?)\\b(caller_number|caller_id|caller_name|caller_hash|caller)\\b\\1\\s*[:=]\\s*"
                    + "(" + STRING_VALUE + "|'[^']*'?|" + BARE_VALUE + ")");
    private static final Pattern CANONICAL_PAIR_OR_DIGITS = Pattern.compile(
            "(\"(?:" + String.join("|", CdrFields.CANONICAL) + ")\"\\s*:\\s*(?:" + STRING_VALUE + "|" + BARE_VALUE
                    + "))|([+\uFF0B]?\\(?\\p{Nd}(?:[\\p{Nd} ().\\-]*\\p{Nd})?)");

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
                boolean keep = topLevel && CdrFields.CANONICAL.contains(name) && value.isValueNode();
                out.set(name, keep ? value : redactValue(value));
            }
        }
        return out;
    }

    private JsonNode redactCallerHash(JsonNode value) {
        if (value.isTextual()) {
            return TextNode.valueOf(redactCallerHash(value.asText()));
        }
        return redactValue(value);
    }

    /** A raw number in caller_hash is hashed; a hex digest is kept; anything else has its digit runs masked. */
    private String redactCallerHash(String value) {
        if (CdrFields.looksLikeRawNumber(value)) {
            return pseudonymiser.pseudonymise(value);
        }
        return value.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? value : maskPhoneNumbers(value);
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
            String masked = maskPhoneNumbers(text);
            return masked.equals(text) ? value : TextNode.valueOf(masked);
        }
        return value;
    }

    /** Best-effort redaction of text that is not a JSON object (see docs/cdr-formats.md, "Privacy"). */
    String redactText(String text) {
        String cut = text.length() > MAX_RAW_TEXT
                ? text.substring(0, MAX_RAW_TEXT) + "…(" + (text.length() - MAX_RAW_TEXT) + " more characters)"
                : text;
        StringBuilder callersDone = new StringBuilder(cut.length() + 64);
        Matcher m = CALLER_PAIR.matcher(cut);
        while (m.find()) {
            m.appendReplacement(callersDone, Matcher.quoteReplacement(redactCallerPair(m.group(2), m.group(3))));
        }
        m.appendTail(callersDone);

        StringBuilder out = new StringBuilder(callersDone.length());
        Matcher d = CANONICAL_PAIR_OR_DIGITS.matcher(callersDone);
        while (d.find()) {
            String replacement = d.group(1) != null ? d.group(1) : maskPhoneNumbers(d.group(2));
            d.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        d.appendTail(out);
        return out.toString();
    }

    private String redactCallerPair(String name, String value) {
        String unquoted = value;
        if (unquoted.length() > 0 && (unquoted.charAt(0) == '"' || unquoted.charAt(0) == '\'')) {
            unquoted = unquoted.substring(1);
            if (unquoted.endsWith(value.substring(0, 1))) {
                unquoted = unquoted.substring(0, unquoted.length() - 1);
            }
        }
        if (name.equals(CdrFields.CALLER_NAME)) {
            return "\"caller_name\":\"\"";
        }
        String hash = name.equals(CdrFields.CALLER_HASH)
                ? redactCallerHash(unquoted)
                : pseudonymiser.pseudonymise(unquoted);
        return "\"caller_hash\":\"" + (hash == null ? "" : hash) + "\"";
    }

    /** Replaces each run of digits (with the separators phone numbers are written with) of 7 or more digits. */
    static String maskPhoneNumbers(String text) {
        Matcher m = CANONICAL_PAIR_OR_DIGITS.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String run = m.group(2);
            if (run == null || countDigits(run) < PHONE_DIGITS) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start(2)).append(MASK);
            last = m.end(2);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    private static int countDigits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
