package org.hotlinepulse.cdr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;

/**
 * Parses one JSON Lines record into a validated canonical CDR with Jackson's streaming parser, or rejects it with
 * a reason naming the field and a redacted raw record. The hot path of the JSON Lines reader: no tree model, no
 * exceptions for good records.
 */
final class CdrJsonParser {

    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final int MAX_QUOTED_VALUE = 60;
    private static final String OUTCOMES = "ANSWERED, ABANDONED, NO_ANSWER, BUSY, FAILED";
    private static final String RELEASED_BY = "CALLER, HOTLINE";
    private static final Pattern QUOTED_WITH_DIGITS = Pattern.compile("'[^']*\\d{3,}[^']*'");
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at .*?\\)\\)?");

    // Cdr's setters of required times reject null, put(int, Object) does not: JSON null reads as missing.
    private static final int START_TIME_POS = Cdr.getClassSchema().getField(CdrFields.START_TIME).pos();
    private static final int END_TIME_POS = Cdr.getClassSchema().getField(CdrFields.END_TIME).pos();

    // Bits of the fields seen in one record, to reject a field given twice.
    private static final int CALL_ID = 1;
    private static final int LINE = 1 << 1;
    private static final int CALLER_HASH = 1 << 2;
    private static final int START = 1 << 3;
    private static final int QUEUE = 1 << 4;
    private static final int ANSWER = 1 << 5;
    private static final int END = 1 << 6;
    private static final int OUTCOME = 1 << 7;
    private static final int CAUSE = 1 << 8;
    private static final int RELEASED = 1 << 9;
    private static final int IVR = 1 << 10;
    private static final int PROBE = 1 << 11;
    private static final int AGENT = 1 << 12;
    private static final int SOURCE = 1 << 13;
    private static final int RESOLVED = 1 << 14;
    private static final int SATISFACTION = 1 << 15;
    private static final int CALLER = 1 << 16;
    private static final int CALLER_NUMBER = 1 << 17;
    private static final int CALLER_ID = 1 << 18;
    private static final int CALLER_NAME = 1 << 19;

    private final CallerPseudonymiser pseudonymiser;
    private final RejectedRecordRedactor redactor;

    CdrJsonParser(CallerPseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
        this.redactor = new RejectedRecordRedactor(pseudonymiser);
    }

    RejectedRecordRedactor redactor() {
        return redactor;
    }

    /** Parses the UTF-8 bytes {@code buf[off, off+len)} of one line. */
    InputRecord parse(String origin, long position, byte[] buf, int off, int len) {
        String reason;
        try {
            Cdr cdr = read(buf, off, len);
            reason = CdrValidator.validate(cdr);
            if (reason == null) {
                return InputRecord.parsed(origin, position, cdr);
            }
        } catch (Rejection r) {
            reason = r.getMessage();
        } catch (JsonProcessingException e) {
            reason = invalidJson(e);
        } catch (IOException | RuntimeException e) {
            // Parsing bytes in memory does no I/O, and Jackson reports bad input as JsonProcessingException: this
            // is a bug or an unforeseen input, which must cost one record, not the run.
            reason = "record could not be read: " + e.getClass().getName();
        }
        String text = new String(buf, off, len, StandardCharsets.UTF_8);
        String raw;
        try {
            raw = redactor.redactLine(text);
        } catch (RuntimeException e) {
            raw = "\"record withheld: it could not be redacted (" + e.getClass().getName() + ")\"";
        }
        return InputRecord.rejected(origin, position, reason, raw);
    }

    InputRecord parse(String origin, long position, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parse(origin, position, bytes, 0, bytes.length);
    }

    private Cdr read(byte[] buf, int off, int len) throws IOException, Rejection {
        try (JsonParser p = FACTORY.createParser(buf, off, len)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new Rejection("not a JSON object: " + kind(t));
            }
            Cdr cdr = new Cdr();
            int seen = 0;
            String callerHashFromRaw = null;
            int rawCallerRank = Integer.MAX_VALUE;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                switch (name) {
                    case CdrFields.CALL_ID:
                        seen = once(seen, CALL_ID, name);
                        cdr.setCallId(string(p, t, name));
                        break;
                    case CdrFields.LINE:
                        seen = once(seen, LINE, name);
                        cdr.setLine(string(p, t, name));
                        break;
                    case CdrFields.CALLER_HASH:
                        seen = once(seen, CALLER_HASH, name);
                        cdr.setCallerHash(callerHash(p, t));
                        break;
                    case CdrFields.START_TIME:
                        seen = once(seen, START, name);
                        cdr.put(START_TIME_POS, time(p, t, name));
                        break;
                    case CdrFields.QUEUE_TIME:
                        seen = once(seen, QUEUE, name);
                        cdr.setQueueTime(time(p, t, name));
                        break;
                    case CdrFields.ANSWER_TIME:
                        seen = once(seen, ANSWER, name);
                        cdr.setAnswerTime(time(p, t, name));
                        break;
                    case CdrFields.END_TIME:
                        seen = once(seen, END, name);
                        cdr.put(END_TIME_POS, time(p, t, name));
                        break;
                    case CdrFields.OUTCOME:
                        seen = once(seen, OUTCOME, name);
                        cdr.setOutcome(outcome(p, t));
                        break;
                    case CdrFields.RELEASE_CAUSE:
                        seen = once(seen, CAUSE, name);
                        cdr.setReleaseCause(integer(p, t, name,
                                CdrValidator.MIN_RELEASE_CAUSE, CdrValidator.MAX_RELEASE_CAUSE));
                        break;
                    case CdrFields.RELEASED_BY:
                        seen = once(seen, RELEASED, name);
                        cdr.setReleasedBy(releasedBy(p, t));
                        break;
                    case CdrFields.IVR:
                        seen = once(seen, IVR, name);
                        cdr.setIvr(Boolean.TRUE.equals(bool(p, t, name)));
                        break;
                    case CdrFields.PROBE:
                        seen = once(seen, PROBE, name);
                        cdr.setProbe(Boolean.TRUE.equals(bool(p, t, name)));
                        break;
                    case CdrFields.AGENT_ID:
                        seen = once(seen, AGENT, name);
                        cdr.setAgentId(string(p, t, name));
                        break;
                    case CdrFields.SOURCE:
                        seen = once(seen, SOURCE, name);
                        cdr.setSource(string(p, t, name));
                        break;
                    case CdrFields.RESOLVED:
                        seen = once(seen, RESOLVED, name);
                        cdr.setResolved(bool(p, t, name));
                        break;
                    case CdrFields.SATISFACTION:
                        seen = once(seen, SATISFACTION, name);
                        cdr.setSatisfaction(integer(p, t, name,
                                CdrValidator.MIN_SATISFACTION, CdrValidator.MAX_SATISFACTION));
                        break;
                    case "caller":
                    case "caller_number":
                    case "caller_id":
                        int rank = CdrFields.RAW_CALLER.indexOf(name);
                        seen = once(seen, CALLER << rank, name);
                        String hash = pseudonymiser.pseudonymise(rawCaller(p, t, name));
                        if (hash != null && rank < rawCallerRank) {
                            callerHashFromRaw = hash;
                            rawCallerRank = rank;
                        }
                        break;
                    case CdrFields.CALLER_NAME:
                        seen = once(seen, CALLER_NAME, name);
                        p.skipChildren();
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new Rejection("not a JSON object: the object does not end");
            }
            if (p.nextToken() != null) {
                throw new Rejection("not a JSON object: more than one JSON value on the line");
            }
            if (callerHashFromRaw != null) {
                cdr.setCallerHash(callerHashFromRaw);
            }
            requirePresent(cdr.getCallId(), CdrFields.CALL_ID);
            requirePresent(cdr.getLine(), CdrFields.LINE);
            requirePresent(cdr.getStartTime(), CdrFields.START_TIME);
            requirePresent(cdr.getEndTime(), CdrFields.END_TIME);
            return cdr;
        }
    }

    private static int once(int seen, int bit, String name) throws Rejection {
        if ((seen & bit) != 0) {
            throw new Rejection("field " + name + " appears more than once");
        }
        return seen | bit;
    }

    private static void requirePresent(Object value, String name) throws Rejection {
        if (value == null) {
            throw new Rejection(CdrValidator.missing(name));
        }
    }

    private static String string(JsonParser p, JsonToken t, String name) throws IOException, Rejection {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new Rejection("field " + name + " " + describe(p, t) + " is not a string");
    }

    /** A caller's value is never quoted in a reason: it is the one thing that must not leak. */
    private static String rawCaller(JsonParser p, JsonToken t, String name) throws IOException, Rejection {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new Rejection("field " + name + " is neither a string nor an integer");
    }

    private String callerHash(JsonParser p, JsonToken t) throws IOException, Rejection {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new Rejection("field caller_hash is not a string");
        }
        // A producer that put the raw number where the hash belongs: hash it rather than let it through.
        return CallerHashes.fromReader(p.getText(), pseudonymiser);
    }

    private static Instant time(JsonParser p, JsonToken t, String name) throws IOException, Rejection {
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                String text = p.getText();
                try {
                    return Instant.ofEpochMilli(CdrTimes.parseIso(text));
                } catch (DateTimeException | ArithmeticException e) {
                    String hint = CdrTimes.isLocalDateTime(text) ? ": it has no UTC offset (add Z or +08:00)" : "";
                    throw new Rejection("field " + name + " " + quote(text) + " is not a time" + hint);
                }
            case VALUE_NUMBER_INT:
                if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    long millis = p.getLongValue();
                    if (millis < CdrTimes.SMALLEST_EPOCH_MILLIS) {
                        throw new Rejection("field " + name + " " + millis + " is not a time: epoch milliseconds"
                                + " are expected and this is before 1973 (epoch seconds?)");
                    }
                    return Instant.ofEpochMilli(millis);
                }
                break;
            default:
                break;
        }
        throw new Rejection("field " + name + " " + describe(p, t) + " is not a time");
    }

    private static Integer integer(JsonParser p, JsonToken t, String name, int min, int max)
            throws IOException, Rejection {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new Rejection("field " + name + " " + describe(p, t) + " is not an integer");
        }
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw new Rejection(CdrValidator.notBetween(name, p.getText(), min, max));
        }
        return p.getIntValue();
    }

    private static Boolean bool(JsonParser p, JsonToken t, String name) throws IOException, Rejection {
        switch (t) {
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new Rejection("field " + name + " " + describe(p, t) + " is not a boolean");
        }
    }

    private static Outcome outcome(JsonParser p, JsonToken t) throws IOException, Rejection {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            switch (p.getText()) {
                case "ANSWERED":
                    return Outcome.ANSWERED;
                case "ABANDONED":
                    return Outcome.ABANDONED;
                case "NO_ANSWER":
                    return Outcome.NO_ANSWER;
                case "BUSY":
                    return Outcome.BUSY;
                case "FAILED":
                    return Outcome.FAILED;
                default:
                    break;
            }
        }
        throw new Rejection("field outcome " + describe(p, t) + " is not one of " + OUTCOMES);
    }

    private static ReleasedBy releasedBy(JsonParser p, JsonToken t) throws IOException, Rejection {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            switch (p.getText()) {
                case "CALLER":
                    return ReleasedBy.CALLER;
                case "HOTLINE":
                    return ReleasedBy.HOTLINE;
                default:
                    break;
            }
        }
        throw new Rejection("field released_by " + describe(p, t) + " is not one of " + RELEASED_BY);
    }

    /** The value at the current token as a reason quotes it: strings quoted and cut short, containers elided. */
    private static String describe(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return quote(p.getText());
            case START_OBJECT:
                return "{...}";
            case START_ARRAY:
                return "[...]";
            default:
                return p.getText();
        }
    }

    static String quote(String text) {
        String cut = text.length() > MAX_QUOTED_VALUE ? text.substring(0, MAX_QUOTED_VALUE) + "…" : text;
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(cut)) + "\"";
    }

    private static String kind(JsonToken t) {
        if (t == null) {
            return "the line is empty";
        }
        switch (t) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.asString();
        }
    }

    /**
     * Jackson's own words, without the parts that could quote the line's content (a token such as a caller
     * number); the column tells where to look.
     */
    private static String invalidJson(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        message = START_MARKER.matcher(message).replaceAll("");
        message = QUOTED_WITH_DIGITS.matcher(message).replaceAll("'…'");
        String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
        return "not a JSON object: invalid JSON" + column + ": " + message;
    }

    /** A reason, thrown to leave the parse loop; no stack trace, as bad records are expected input. */
    private static final class Rejection extends Exception {
        private static final long serialVersionUID = 1L;

        Rejection(String reason) {
            super(reason, null, false, false);
        }
    }
}
