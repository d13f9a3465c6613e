package org.hotlinepulse.cdr;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.hotlinepulse.avro.Cdr;

/**
 * The canonical JSON form of a CDR, field names as in contract §3: one JSON Lines record, a rejected or late
 * record's {@code record}, a test fixture. {@link #toJson} and {@link #parseLine} are inverses for valid CDRs.
 */
public final class CdrJson {

    private CdrJson() {}

    /**
     * One JSON object in schema field order; times as ISO-8601 UTC with milliseconds when non-zero, e.g.
     * "2026-10-12T01:03:11Z"; null fields omitted, ivr and probe always written. A caller_hash that is not a
     * pseudonym (a raw number a producer published) is never written.
     */
    public static String toJson(Cdr cdr) {
        StringWriter out = new StringWriter(320);
        try (JsonGenerator g = CdrJsonParser.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            string(g, CdrFields.CALL_ID, cdr.getCallId());
            string(g, CdrFields.LINE, cdr.getLine());
            string(g, CdrFields.CALLER_HASH, CallerHashes.publishable(cdr.getCallerHash()));
            time(g, CdrFields.START_TIME, cdr.getStartTime());
            time(g, CdrFields.QUEUE_TIME, cdr.getQueueTime());
            time(g, CdrFields.ANSWER_TIME, cdr.getAnswerTime());
            time(g, CdrFields.END_TIME, cdr.getEndTime());
            if (cdr.getOutcome() != null) {
                g.writeStringField(CdrFields.OUTCOME, cdr.getOutcome().name());
            }
            if (cdr.getReleaseCause() != null) {
                g.writeNumberField(CdrFields.RELEASE_CAUSE, cdr.getReleaseCause());
            }
            if (cdr.getReleasedBy() != null) {
                g.writeStringField(CdrFields.RELEASED_BY, cdr.getReleasedBy().name());
            }
            g.writeBooleanField(CdrFields.IVR, cdr.getIvr());
            g.writeBooleanField(CdrFields.PROBE, cdr.getProbe());
            string(g, CdrFields.AGENT_ID, cdr.getAgentId());
            string(g, CdrFields.SOURCE, cdr.getSource());
            if (cdr.getResolved() != null) {
                g.writeBooleanField(CdrFields.RESOLVED, cdr.getResolved());
            }
            if (cdr.getSatisfaction() != null) {
                g.writeNumberField(CdrFields.SATISFACTION, cdr.getSatisfaction());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    /**
     * Parses one JSON Lines record exactly as the JSON Lines reader does (pseudonymising callers, validating,
     * deriving the outcome), for inputs that are not files, such as a Kafka message or a test.
     */
    public static InputRecord parseLine(String origin, long position, String line,
                                        CallerPseudonymiser pseudonymiser) {
        return new CdrJsonParser(pseudonymiser).parse(origin, position, line);
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void time(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, CdrTimes.format(value));
        }
    }
}
