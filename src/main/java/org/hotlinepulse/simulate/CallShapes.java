package org.hotlinepulse.simulate;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * How each kind of simulated call unfolds: outcome, Q.850 cause, who hangs up, voice menu,
 * waits and talk times (contract §3). Every CDR names its outcome only half the time, so that
 * readers also derive it from cause and released_by; the shapes are chosen so that both agree.
 */
final class CallShapes {
    private final SplittableRandom random;

    CallShapes(SplittableRandom random) {
        this.random = random;
    }

    /** A new CDR of a citizen's call to the line starting then, delivered by feed {@code source}. */
    Cdr.Builder citizen(String callId, String line, String source, long startMs) {
        return Cdr.newBuilder().setCallId(callId).setLine(line)
                .setCallerHash(callerHash(random.nextLong()))
                .setStartTime(Instant.ofEpochMilli(startMs)).setSource(source).setProbe(false);
    }

    /** A new CDR of a monitoring probe's call, delivered by feed {@code source}. */
    Cdr.Builder probe(String callId, String line, String source, long startMs) {
        return Cdr.newBuilder().setCallId(callId).setLine(line)
                .setStartTime(Instant.ofEpochMilli(startMs)).setSource(source).setProbe(true);
    }

    /**
     * A synthetic pseudonym (64 lowercase hex characters, as the real HMAC writes) spread from one
     * random draw, so that the simulation draws as many random numbers as it always has.
     */
    private static String callerHash(long draw) {
        HexFormat hex = HexFormat.of();
        StringBuilder out = new StringBuilder(64);
        for (long i = 1; i <= 4; i++) {
            out.append(hex.toHexDigits(spread(draw + i * 0x9E3779B97F4A7C15L)));
        }
        return out.toString();
    }

    /** The finalisation step of MurmurHash3: every bit of the input affects every bit of the output. */
    private static long spread(long v) {
        long h = (v ^ (v >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB93FE1A85A53L;
        return h ^ (h >>> 33);
    }

    /** A healthy line in service: 3 % FAILED, 5 % BUSY; connected calls 80 % answered, 12 % abandoned, 8 % no answer. */
    Outcome healthy(Cdr.Builder cdr) {
        long startMs = cdr.getStartTime().toEpochMilli();
        double roll = random.nextDouble();
        if (roll < 0.03) {
            return failed(cdr, new int[] {1, 27, 38, 41}[random.nextInt(4)]);
        }
        if (roll < 0.08) {
            return busy(cdr);
        }
        long queueMs = voiceMenu(cdr, random.nextDouble() < 0.6, startMs);
        double how = random.nextDouble();
        if (how < 0.80) {
            return answered(cdr, queueMs);
        }
        if (how < 0.92) {
            return abandoned(cdr, queueMs + exponential(40_000));
        }
        return finish(cdr, Outcome.NO_ANSWER, 19, ReleasedBy.HOTLINE, queueMs + 30_000 + random.nextInt(60_000));
    }

    /** The number does not reach the hotline: mostly 27 destination out of order, else 1 vacant or 38 network out of order. */
    Outcome outOfService(Cdr.Builder cdr) {
        double roll = random.nextDouble();
        return failed(cdr, roll < 0.7 ? 27 : roll < 0.9 ? 1 : 38);
    }

    /** Busy tone, Q.850 17. */
    Outcome busy(Cdr.Builder cdr) {
        return finish(cdr, Outcome.BUSY, 17, null, cdr.getStartTime().toEpochMilli() + 500 + random.nextInt(2_500));
    }

    /** A voice menu that never hands over: the hotline drops the caller after 20–80 s. */
    Outcome ivrDeadEnd(Cdr.Builder cdr) {
        cdr.setIvr(true);
        return finish(cdr, Outcome.NO_ANSWER, 16, ReleasedBy.HOTLINE,
                cdr.getStartTime().toEpochMilli() + 20_000 + random.nextInt(60_000));
    }

    /** Outside service hours or in a planned closure: a closed-hours announcement of 15–40 s, then the hotline hangs up. */
    Outcome closedAnnouncement(Cdr.Builder cdr) {
        cdr.setIvr(true);
        return finish(cdr, Outcome.NO_ANSWER, 16, ReleasedBy.HOTLINE,
                cdr.getStartTime().toEpochMilli() + 15_000 + random.nextInt(25_000));
    }

    /**
     * An understaffed queue: of connected calls 65 % abandon after 30 s to 4 min in the queue
     * (never a short abandon), 30 % are answered after a long wait, 5 % time out.
     */
    Outcome highAbandonment(Cdr.Builder cdr) {
        long startMs = cdr.getStartTime().toEpochMilli();
        double roll = random.nextDouble();
        if (roll < 0.03) {
            return failed(cdr, 41);
        }
        long queueMs = voiceMenu(cdr, random.nextDouble() < 0.6, startMs);
        double how = random.nextDouble();
        if (how < 0.65) {
            return abandoned(cdr, queueMs + 30_000 + random.nextInt(210_000));
        }
        if (how < 0.95) {
            return answered(cdr, queueMs + 60_000 + exponential(60_000));
        }
        return finish(cdr, Outcome.NO_ANSWER, 19, ReleasedBy.HOTLINE, queueMs + 300_000);
    }

    /** A probe that reaches the voice menu and hangs up after 8–15 s: connected, no agent's time taken. */
    Outcome probeConnected(Cdr.Builder cdr) {
        cdr.setIvr(true);
        return finish(cdr, Outcome.ABANDONED, 16, ReleasedBy.CALLER,
                cdr.getStartTime().toEpochMilli() + 8_000 + random.nextInt(7_000));
    }

    /** A probe that does not get through: Q.850 41 temporary failure. */
    Outcome probeFailed(Cdr.Builder cdr) {
        return failed(cdr, 41);
    }

    private long voiceMenu(Cdr.Builder cdr, boolean ivr, long startMs) {
        cdr.setIvr(ivr);
        if (!ivr) {
            return startMs;
        }
        long queueMs = startMs + 5_000 + random.nextInt(35_000);
        cdr.setQueueTime(Instant.ofEpochMilli(queueMs));
        return queueMs;
    }

    private Outcome answered(Cdr.Builder cdr, long answerMs) {
        cdr.setAnswerTime(Instant.ofEpochMilli(answerMs));
        cdr.setAgentId("agent-" + random.nextInt(40));
        if (random.nextDouble() < 0.7) {
            cdr.setResolved(random.nextDouble() < 0.75);
        }
        if (random.nextDouble() < 0.4) {
            cdr.setSatisfaction(1 + Math.min(4, (int) Math.floor(Math.sqrt(random.nextDouble()) * 5)));
        }
        return finish(cdr, Outcome.ANSWERED, 16, random.nextBoolean() ? ReleasedBy.CALLER : ReleasedBy.HOTLINE,
                answerMs + 10_000 + exponential(170_000));
    }

    private Outcome abandoned(Cdr.Builder cdr, long endMs) {
        return finish(cdr, Outcome.ABANDONED, 16, ReleasedBy.CALLER, endMs);
    }

    private Outcome failed(Cdr.Builder cdr, int cause) {
        return finish(cdr, Outcome.FAILED, cause, null, cdr.getStartTime().toEpochMilli() + 500 + random.nextInt(3_000));
    }

    private Outcome finish(Cdr.Builder cdr, Outcome outcome, int cause, ReleasedBy releasedBy, long endMs) {
        cdr.setReleaseCause(cause).setReleasedBy(releasedBy).setEndTime(Instant.ofEpochMilli(endMs));
        if (random.nextBoolean()) {
            cdr.setOutcome(outcome);
        }
        return outcome;
    }

    private long exponential(double meanMs) {
        return Math.round(-Math.log(1 - random.nextDouble()) * meanMs);
    }
}
