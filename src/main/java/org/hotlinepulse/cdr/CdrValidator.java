package org.hotlinepulse.cdr;

import java.time.Duration;
import java.time.Instant;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;

/**
 * Checks a canonical CDR against the rules of contract §3 that no schema can express (non-empty ids, times in
 * order, an outcome consistent with the answer time, value ranges), for every input format and the Kafka source
 * alike. The rules and their reason texts are listed in docs/cdr-formats.md.
 */
public final class CdrValidator {

    static final int MIN_RELEASE_CAUSE = 0;
    static final int MAX_RELEASE_CAUSE = 127;
    static final int MIN_SATISFACTION = 1;
    static final int MAX_SATISFACTION = 5;
    static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");
    /** How far ahead of the processing machine's clock a start_time may be (clock skew, not a unit error). */
    static final Duration MAX_AHEAD_OF_CLOCK = Duration.ofMinutes(5);
    static final Duration MAX_CALL = Duration.ofHours(24);
    static final int MAX_LINE_LENGTH = 32;
    /** For call_id, source and agent_id: ids, not free text; a bound keeps keys, state and alerts small. */
    static final int MAX_ID_LENGTH = 128;
    /** How much of an offending value a reason quotes. */
    private static final int QUOTED_LENGTH = 40;

    private CdrValidator() {}

    /**
     * Returns null when the CDR is valid (and sets its outcome when absent), else the reason, naming the field.
     * The first failing rule, in the order of docs/cdr-formats.md, is reported; an invalid CDR is left unchanged.
     */
    public static String validate(Cdr cdr) {
        return validate(cdr, Instant.now());
    }

    /** As {@link #validate(Cdr)}, judging "from the future" against {@code now}. */
    static String validate(Cdr cdr, Instant now) {
        String reason = firstViolation(cdr, now);
        if (reason == null && cdr.getOutcome() == null) {
            cdr.setOutcome(OutcomeDerivation.derive(cdr));
        }
        return reason;
    }

    private static String firstViolation(Cdr cdr, Instant now) {
        String reason = requiredString("call_id", cdr.getCallId());
        if (reason == null) {
            reason = notLongerThan("call_id", cdr.getCallId());
        }
        if (reason == null) {
            reason = requiredString("line", cdr.getLine());
        }
        if (reason == null) {
            reason = telephoneNumber("line", cdr.getLine());
        }
        if (reason == null) {
            reason = notLongerThan("source", cdr.getSource());
        }
        if (reason == null) {
            reason = notLongerThan("agent_id", cdr.getAgentId());
        }
        if (reason != null) {
            return reason;
        }
        if (cdr.getCallerHash() != null && !CallerHashes.isPseudonym(cdr.getCallerHash())) {
            // Never quoted: it is taken for a raw caller number.
            return "field caller_hash is not a pseudonym (64 lowercase hexadecimal characters): a raw caller"
                    + " number must be replaced by its HMAC-SHA-256 before it is published";
        }
        Instant start = cdr.getStartTime();
        Instant end = cdr.getEndTime();
        if (start == null) {
            return missing("start_time");
        }
        if (end == null) {
            return missing("end_time");
        }
        if (end.isBefore(start)) {
            return "field end_time " + CdrTimes.format(end) + " is before start_time " + CdrTimes.format(start);
        }
        // A time from the future or the distant past is a PBX clock or unit error (local time
        // written as UTC, epoch microseconds read as milliseconds): as event time it would drag
        // the watermark, and so every other line's windows and rules, along with it.
        if (start.isBefore(EARLIEST_START)) {
            return "field start_time " + CdrTimes.format(start) + " is before " + CdrTimes.format(EARLIEST_START);
        }
        if (start.isAfter(now.plus(MAX_AHEAD_OF_CLOCK))) {
            return "field start_time " + CdrTimes.format(start) + " is more than " + MAX_AHEAD_OF_CLOCK.toMinutes()
                    + " minutes ahead of this machine's clock (" + CdrTimes.format(now)
                    + "): is the PBX's clock or time zone wrong?";
        }
        if (Duration.between(start, end).compareTo(MAX_CALL) > 0) {
            return "field end_time " + CdrTimes.format(end) + " is more than " + MAX_CALL.toHours()
                    + " hours after start_time " + CdrTimes.format(start);
        }
        Instant answer = cdr.getAnswerTime();
        reason = within("answer_time", answer, start, end);
        if (reason != null) {
            return reason;
        }
        Instant queue = cdr.getQueueTime();
        reason = within("queue_time", queue, start, end);
        if (reason != null) {
            return reason;
        }
        if (queue != null && answer != null && queue.isAfter(answer)) {
            return "field queue_time " + CdrTimes.format(queue) + " is after answer_time " + CdrTimes.format(answer);
        }
        Outcome outcome = cdr.getOutcome();
        if (outcome == Outcome.ANSWERED && answer == null) {
            return "field outcome ANSWERED contradicts answer_time: a person answered but answer_time is missing";
        }
        if (outcome != null && outcome != Outcome.ANSWERED && answer != null) {
            return "field outcome " + outcome + " contradicts answer_time " + CdrTimes.format(answer)
                    + ": only ANSWERED calls have an answer_time";
        }
        Integer cause = cdr.getReleaseCause();
        if (cause != null && (cause < MIN_RELEASE_CAUSE || cause > MAX_RELEASE_CAUSE)) {
            return notBetween("release_cause", cause.toString(), MIN_RELEASE_CAUSE, MAX_RELEASE_CAUSE);
        }
        Integer satisfaction = cdr.getSatisfaction();
        if (satisfaction != null && (satisfaction < MIN_SATISFACTION || satisfaction > MAX_SATISFACTION)) {
            return notBetween("satisfaction", satisfaction.toString(), MIN_SATISFACTION, MAX_SATISFACTION);
        }
        return null;
    }

    private static String requiredString(String field, String value) {
        if (value == null) {
            return missing(field);
        }
        if (value.isBlank()) {
            return "field " + field + " is empty";
        }
        return null;
    }

    /** Whether an id field's value ({@code call_id}, {@code source}, {@code agent_id}) is within its length bound. */
    public static boolean isWithinIdLength(String value) {
        return value.length() <= MAX_ID_LENGTH;
    }

    private static String notLongerThan(String field, String value) {
        if (value == null || isWithinIdLength(value)) {
            return null;
        }
        return "field " + field + " " + quoted(value) + " is longer than " + MAX_ID_LENGTH + " characters";
    }

    /** 1 to 32 characters: digits, with an optional leading '+'. */
    private static String telephoneNumber(String field, String value) {
        int from = value.startsWith("+") ? 1 : 0;
        boolean digits = value.length() > from && value.length() <= MAX_LINE_LENGTH;
        for (int i = from; digits && i < value.length(); i++) {
            char c = value.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        return digits ? null : "field " + field + " " + quoted(value) + " is not a telephone number (1 to "
                + MAX_LINE_LENGTH + " characters: digits, with an optional leading +)";
    }

    /** The value in quotes, cut to its first characters when long, with its length. */
    private static String quoted(String value) {
        if (value.length() <= QUOTED_LENGTH) {
            return "\"" + value + "\"";
        }
        return "\"" + value.substring(0, QUOTED_LENGTH) + "…\" (" + value.length() + " characters)";
    }

    private static String within(String field, Instant time, Instant start, Instant end) {
        if (time == null) {
            return null;
        }
        if (time.isBefore(start)) {
            return "field " + field + " " + CdrTimes.format(time) + " is before start_time " + CdrTimes.format(start);
        }
        if (time.isAfter(end)) {
            return "field " + field + " " + CdrTimes.format(time) + " is after end_time " + CdrTimes.format(end);
        }
        return null;
    }

    static String missing(String field) {
        return "missing required field " + field;
    }

    /** Shared with the readers, so that a number too large for an int reads like any other out-of-range value. */
    static String notBetween(String field, String value, int min, int max) {
        return "field " + field + " " + value + " is not between " + min + " and " + max;
    }
}
