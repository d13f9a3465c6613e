package org.hotlinepulse.cdr;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;

/**
 * Valid canonical CDRs for tests of any package: a fluent builder whose defaults make a valid unanswered call,
 * and one-liners for each outcome. {@link Builder#build()} validates (deriving the outcome) like the readers do.
 */
public final class CdrFixtures {

    /** A published line number. */
    public static final String LINE = "037167890001";
    /** A second line. */
    public static final String OTHER_LINE = "037167890002";
    /** 2026-10-12T09:00:00+08:00, a Monday morning in Zhengzhou. */
    public static final Instant T0 = Instant.parse("2026-10-12T01:00:00Z");
    /** A fixed test key, so that hashes in expectations stay stable. */
    public static final CallerPseudonymiser PSEUDONYMISER =
            new CallerPseudonymiser("test-key-not-a-secret".getBytes(StandardCharsets.UTF_8));

    private static final AtomicLong IDS = new AtomicLong();
    // Cdr's setters of required times reject null; put(int, Object) does not.
    private static final int START_TIME = Cdr.getClassSchema().getField("start_time").pos();
    private static final int END_TIME = Cdr.getClassSchema().getField("end_time").pos();

    private CdrFixtures() {}

    /** A builder for a valid call to {@link #LINE} at {@link #T0}, lasting 30 s, nobody answering. */
    public static Builder cdr() {
        return new Builder();
    }

    public static Cdr answered(String line, Instant start, Duration wait, Duration talk) {
        return cdr().line(line).start(start).answerAfter(wait).endAfter(wait.plus(talk))
                .releaseCause(16).releasedBy(ReleasedBy.CALLER).build();
    }

    public static Cdr abandoned(String line, Instant start, Duration wait) {
        return cdr().line(line).start(start).endAfter(wait).releaseCause(16).releasedBy(ReleasedBy.CALLER).build();
    }

    public static Cdr noAnswer(String line, Instant start, Duration ring) {
        return cdr().line(line).start(start).endAfter(ring).releaseCause(19).releasedBy(ReleasedBy.HOTLINE).build();
    }

    public static Cdr busy(String line, Instant start) {
        return cdr().line(line).start(start).endAfter(Duration.ofSeconds(2)).releaseCause(17).build();
    }

    /** Q.850 cause 1, unallocated (vacant) number. */
    public static Cdr failed(String line, Instant start) {
        return cdr().line(line).start(start).endAfter(Duration.ofSeconds(1)).releaseCause(1).build();
    }

    /** Fluent CDR builder; times relative to the start with the *After methods. */
    public static final class Builder {
        private final Cdr cdr = new Cdr();

        private Builder() {
            cdr.setCallId("test-" + IDS.incrementAndGet());
            cdr.setLine(LINE);
            cdr.setStartTime(T0);
            cdr.setEndTime(T0.plusSeconds(30));
        }

        public Builder callId(String v) { cdr.setCallId(v); return this; }
        public Builder line(String v) { cdr.setLine(v); return this; }
        public Builder callerHash(String v) { cdr.setCallerHash(v); return this; }
        /** Also moves the end time, keeping the call's length (null: no start time, end time unchanged). */
        public Builder start(Instant v) {
            if (v == null || cdr.getStartTime() == null || cdr.getEndTime() == null) {
                cdr.put(START_TIME, v);
                return this;
            }
            Duration length = Duration.between(cdr.getStartTime(), cdr.getEndTime());
            cdr.setStartTime(v);
            cdr.setEndTime(v.plus(length));
            return this;
        }
        public Builder start(String iso) { return start(Instant.parse(iso)); }
        public Builder queueTime(Instant v) { cdr.setQueueTime(v); return this; }
        public Builder queueAfter(Duration d) { return queueTime(cdr.getStartTime().plus(d)); }
        public Builder answerTime(Instant v) { cdr.setAnswerTime(v); return this; }
        public Builder answerAfter(Duration d) { return answerTime(cdr.getStartTime().plus(d)); }
        public Builder endTime(Instant v) { cdr.put(END_TIME, v); return this; }
        public Builder endAfter(Duration d) { return endTime(cdr.getStartTime().plus(d)); }
        public Builder outcome(Outcome v) { cdr.setOutcome(v); return this; }
        public Builder releaseCause(Integer v) { cdr.setReleaseCause(v); return this; }
        public Builder releasedBy(ReleasedBy v) { cdr.setReleasedBy(v); return this; }
        public Builder ivr(boolean v) { cdr.setIvr(v); return this; }
        public Builder probe(boolean v) { cdr.setProbe(v); return this; }
        public Builder agentId(String v) { cdr.setAgentId(v); return this; }
        public Builder source(String v) { cdr.setSource(v); return this; }
        public Builder resolved(Boolean v) { cdr.setResolved(v); return this; }
        public Builder satisfaction(Integer v) { cdr.setSatisfaction(v); return this; }

        /** A validated copy with its outcome set; IllegalStateException with the validator's reason if invalid. */
        public Cdr build() {
            Cdr copy = copy(cdr);
            String reason = CdrValidator.validate(copy);
            if (reason != null) {
                throw new IllegalStateException("fixture CDR is invalid: " + reason);
            }
            return copy;
        }

        /** A copy as set, not validated and without a derived outcome: for tests of rejection. */
        public Cdr buildUnchecked() {
            return copy(cdr);
        }
    }

    /** A field-by-field copy that, unlike Cdr.newBuilder(other) and the setters, tolerates null required fields. */
    public static Cdr copy(Cdr c) {
        Cdr copy = new Cdr();
        for (int i = 0; i < Cdr.getClassSchema().getFields().size(); i++) {
            copy.put(i, c.get(i));
        }
        return copy;
    }
}
