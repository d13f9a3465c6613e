package org.hotlinepulse.pbx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Set;
import org.hotlinepulse.cdr.PhoneNumbers;

/**
 * Builds the {@code rawRecord} of a rejected PBX record as a JSON object free of caller numbers (DESIGN §9): the
 * caller number becomes {@code caller_hash}, the caller name is left out, fields known to hold no personal data
 * (ids, times, the dialled line) are kept as written, and phone-number-like digit runs in every other value are
 * masked.
 */
public final class RedactedRecord {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Longest value kept in a rejected record. */
    static final int MAX_VALUE = 1_000;

    private final ObjectNode node = JsonNodeFactory.instance.objectNode();
    private final Set<String> keptAsWritten;

    /** @param keptAsWritten names of the fields copied unmasked */
    public RedactedRecord(Set<String> keptAsWritten) {
        this.keptAsWritten = keptAsWritten;
    }

    /** Adds a field; null values are skipped. */
    public RedactedRecord field(String name, String value) {
        if (value != null) {
            String cut = value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…";
            node.put(name, keptAsWritten.contains(name) ? cut : PhoneNumbers.mask(cut));
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
