package org.hotlinepulse.cdr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * An input record the pipeline could not use, with where it came from and why: what goes to
 * the rejected and late outputs ({@code rejected.jsonl}, {@code late.jsonl}, the dead-letter
 * topics). The record is JSON text with any caller number already pseudonymised.
 */
public class DeadLetter {
    private static final JsonFactory JSON = new JsonFactory();

    public String source;
    public long lineNo;
    public String reason;
    /** The record as JSON text: an object, or a string literal of unparsable input. */
    public String record;
    /** The record's bytes for a binary output (Kafka), when known: as it arrived, or re-encoded. */
    public byte[] payload;

    public DeadLetter() {}

    public DeadLetter(String source, long lineNo, String reason, String record) {
        this.source = source;
        this.lineNo = lineNo;
        this.reason = reason;
        this.record = record;
    }

    public DeadLetter(String source, long lineNo, String reason, String record, byte[] payload) {
        this(source, lineNo, reason, record);
        this.payload = payload;
    }

    /** One line of {@code rejected.jsonl} or {@code late.jsonl} (contract §7). */
    public String toJsonLine() {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("source", source);
            json.writeNumberField("line_no", lineNo);
            json.writeStringField("reason", reason);
            json.writeFieldName("record");
            if (record == null) {
                json.writeNull();
            } else {
                json.writeRawValue(record);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return toJsonLine();
    }
}
