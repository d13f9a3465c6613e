package org.hotlinepulse.cdr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Pattern;

/**
 * Builds the {@code rawRecord} of a rejected PBX record as a JSON object free of caller numbers (contract §9): the
 * caller number becomes {@code caller_hash}, the caller name is left out, and phone-number-like digit runs are
 * masked in every value except those shaped like a local time stamp or a uuid. No field is trusted by its name
 * alone: in a row with a shifted or extra column, any field may hold the caller's number.
 */
public final class RedactedRecord {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Longest value kept in a rejected record. */
    static final int MAX_VALUE = 1_000;

    private static final Pattern KEPT_AS_WRITTEN = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}|\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    /** True for a value shaped like a local time stamp or a uuid: it may have long digit runs, and is no number. */
    public static boolean isStampOrUuid(String value) {
        return KEPT_AS_WRITTEN.matcher(value).matches();
    }

    /** Adds a field; null values are skipped. */
    public RedactedRecord field(String name, String value) {
        if (value != null) {
            String cut = value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…";
            node.put(name, isStampOrUuid(cut) ? cut : PhoneNumbers.mask(cut));
        }
        return this;
    }

    /** Adds the caller's pseudonym (a hash, never a raw number); null is skipped. */
    public RedactedRecord callerHash(String hash) {
        if (hash != null) {
            node.put("caller_hash", hash);
        }
        return this;
    }

    /** The JSON text. */
    public String toJson() {
        return write(node);
    }

    /** A JSON string literal of text that could not be read as a record, with phone-number-like runs masked. */
    public static String maskedText(String text) {
        String cut = text.length() <= 10 * MAX_VALUE ? text : text.substring(0, 10 * MAX_VALUE) + "…";
        return write(TextNode.valueOf(PhoneNumbers.mask(cut)));
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
    }
}
