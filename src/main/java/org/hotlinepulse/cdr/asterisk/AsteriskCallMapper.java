package org.hotlinepulse.cdr.asterisk;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.hotlinepulse.cdr.PhoneNumbers;

/**
 * Makes one canonical CDR of the Master.csv legs of a call and its queue_log events, by the mapping table of
 * docs/pbx-formats.md. Disposition ANSWERED alone never means that a person answered: a voice menu, voicemail or
 * the Queue application answers the channel too. A person answered when queue_log has a CONNECT, or when a leg
 * of Dial (or Queue, without queue_log) was answered and bridged to another channel.
 */
final class AsteriskCallMapper {

    private static final int CAUSE_BUSY = 17;
    private static final int CAUSE_NO_ANSWER = 19;
    private static final int CAUSE_CONGESTION = 34;
    private static final int CAUSE_TEMPORARY_FAILURE = 41;

    private final String source;

    AsteriskCallMapper(String source) {
        this.source = source;
    }

    /** The CDR, not yet validated; legs in file order, events in time order. */
    Cdr map(List<AsteriskLeg> legs, List<QueueEvent> events) {
        List<AsteriskLeg> byStart = legs.stream()
                .sorted(Comparator.comparing(AsteriskLeg::start).thenComparing(AsteriskLeg::lineNumber)).toList();
        AsteriskLeg first = byStart.get(0);
        AsteriskLeg last = legs.stream()
                .max(Comparator.comparing(AsteriskLeg::end).thenComparing(AsteriskLeg::lineNumber)).orElseThrow();
        Cdr cdr = new Cdr();
        cdr.put("call_id", source + ":" + first.callKey());
        cdr.put("line", first.dst());
        cdr.put("caller_hash", byStart.stream().map(AsteriskLeg::callerHash).filter(h -> h != null).findFirst()
                .orElse(null));
        cdr.put("start_time", first.start());
        cdr.put("end_time", last.end());
        cdr.put("source", source);
        cdr.put("ivr", legs.stream().anyMatch(leg -> leg.isMenu() || leg.isMailbox()));
        cdr.put("probe", false);
        queueTime(events).ifPresent(t -> cdr.put("queue_time", t));

        QueueEvent connect = events.stream().filter(e -> e.is("CONNECT")).findFirst().orElse(null);
        if (connect != null) {
            answered(cdr, connect.time(), connect.agent());
            releasedBy(cdr, events);
            return cdr;
        }
        // With queue_log, a Queue leg without CONNECT was not answered by a person, whatever Master.csv says.
        boolean queueLogged = !events.isEmpty();
        AsteriskLeg bridged = byStart.stream()
                .filter(leg -> leg.bridgedToAPerson() && !(queueLogged && leg.isQueue()))
                .findFirst().orElse(null);
        if (bridged != null) {
            answered(cdr, bridged.answer(), agentOf(bridged.dstchannel()));
            return cdr;
        }
        QueueEvent exit = events.stream().filter(e -> e.is("ABANDON") || e.is("EXITWITHKEY")
                || e.is("EXITWITHTIMEOUT") || e.is("EXITEMPTY")).reduce((a, b) -> b).orElse(null);
        if (exit != null) {
            boolean callerLeft = exit.is("ABANDON") || exit.is("EXITWITHKEY");
            set(cdr, callerLeft ? Outcome.ABANDONED : Outcome.NO_ANSWER, null,
                    callerLeft ? ReleasedBy.CALLER : ReleasedBy.HOTLINE);
            return cdr;
        }
        unansweredFromLegs(cdr, legs, last);
        return cdr;
    }

    private static java.util.Optional<Instant> queueTime(List<QueueEvent> events) {
        for (QueueEvent e : events) {
            if (e.is("ENTERQUEUE")) {
                return java.util.Optional.of(e.time());
            }
            if (e.is("CONNECT") && e.holdSeconds() >= 0) {
                return java.util.Optional.of(e.time().minusSeconds(e.holdSeconds()));
            }
        }
        return java.util.Optional.empty();
    }

    private static void answered(Cdr cdr, Instant answer, String agent) {
        cdr.put("answer_time", answer);
        cdr.put("outcome", Outcome.ANSWERED);
        cdr.put("agent_id", agent == null || agent.isEmpty() || agent.equals("NONE") ? null : agent);
    }

    private static void releasedBy(Cdr cdr, List<QueueEvent> events) {
        events.stream().filter(e -> e.is("COMPLETECALLER") || e.is("COMPLETEAGENT")).reduce((a, b) -> b)
                .ifPresent(e -> cdr.put("released_by", e.is("COMPLETECALLER") ? ReleasedBy.CALLER
                        : ReleasedBy.HOTLINE));
    }

    /** Without CONNECT, bridge or queue exit: the disposition and application of the legs decide. */
    private static void unansweredFromLegs(Cdr cdr, List<AsteriskLeg> legs, AsteriskLeg last) {
        boolean reached = legs.stream().anyMatch(leg -> leg.disposition() == Disposition.ANSWERED);
        if (!reached) {
            switch (last.disposition()) {
                case BUSY -> set(cdr, Outcome.BUSY, CAUSE_BUSY, null);
                case CONGESTION -> set(cdr, Outcome.BUSY, CAUSE_CONGESTION, null);
                case FAILED -> set(cdr, Outcome.FAILED, CAUSE_TEMPORARY_FAILURE, null);
                case CANCEL -> set(cdr, Outcome.ABANDONED, null, ReleasedBy.CALLER);
                default -> set(cdr, Outcome.NO_ANSWER, CAUSE_NO_ANSWER, null);
            }
            return;
        }
        if (last.isQueue()) {
            set(cdr, Outcome.ABANDONED, null, ReleasedBy.CALLER);
        } else if (last.isMailbox() || last.isMenu()) {
            set(cdr, Outcome.NO_ANSWER, null, null);
        } else if (last.ringsAPerson()) {
            if (last.disposition() == Disposition.CANCEL) {
                set(cdr, Outcome.ABANDONED, null, ReleasedBy.CALLER);
            } else {
                set(cdr, Outcome.NO_ANSWER, last.disposition() == Disposition.NO_ANSWER ? CAUSE_NO_ANSWER : null,
                        null);
            }
        } else {
            set(cdr, Outcome.NO_ANSWER, null, last.app().equals("hangup") ? ReleasedBy.HOTLINE : null);
        }
    }

    private static void set(Cdr cdr, Outcome outcome, Integer cause, ReleasedBy releasedBy) {
        cdr.put("outcome", outcome);
        cdr.put("release_cause", cause);
        cdr.put("released_by", releasedBy);
    }

    /** The agent's channel without Asterisk's per-call suffix ({@code SIP/1001-0000002a} → {@code SIP/1001}). */
    static String agentOf(String dstchannel) {
        String channel = dstchannel;
        int comma = channel.indexOf(',');
        if (comma >= 0) {
            channel = channel.substring(0, comma);
        }
        int dash = channel.lastIndexOf('-');
        if (dash > channel.indexOf('/') && dash > 0) {
            channel = channel.substring(0, dash);
        }
        channel = PhoneNumbers.mask(channel);
        return channel.length() > 128 ? channel.substring(0, 128) : channel;
    }
}
