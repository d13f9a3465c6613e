package org.hotlinepulse.cdr.asterisk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Gathers the Master.csv legs of each call (same linkedid, else uniqueid) and hands a call over once no leg of it
 * has ended within {@code wait} of the latest end time read, measured in the file's own times so that the result
 * does not depend on reading speed; at the end of input every call is handed over. The records of one channel are
 * written together when it hangs up, the first of them ending long before: a call is not handed over while the run
 * of lines of one channel that its last leg belongs to may go on. Remembers the calls handed
 * over, so that a record written twice counts once. Memory is bounded: pending calls, legs per call and
 * remembered calls.
 */
final class CallAssembler {

    static final int MAX_LEGS = 64;
    static final int MAX_PENDING = 100_000;
    static final int MAX_REMEMBERED = 200_000;

    /** What became of a leg. */
    enum Added { ADDED, DUPLICATE, TOO_MANY_LEGS, CALL_ALREADY_DONE }

    private record Due(Instant lastEnd, String key) {}

    private final Duration wait;
    private final Map<String, List<AsteriskLeg>> pending = new LinkedHashMap<>();
    private final Map<String, Set<String>> fingerprints = new LinkedHashMap<>();
    private final Map<String, Instant> lastEnds = new LinkedHashMap<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> a.lastEnd.compareTo(b.lastEnd));
    private final Map<String, Long> done = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private Instant latestEnd;
    /** The channel of the lines read last, and the calls of that run of lines. */
    private String batchChannel;
    private final Set<String> batch = new HashSet<>();

    CallAssembler(Duration wait) {
        this.wait = wait;
    }

    Added add(AsteriskLeg leg) {
        if (!leg.channel().equals(batchChannel)) {
            endBatch();
            batchChannel = leg.channel();
        }
        if (done.containsKey(leg.callKey())) {
            return Added.CALL_ALREADY_DONE;
        }
        List<AsteriskLeg> legs = pending.computeIfAbsent(leg.callKey(), k -> new ArrayList<>(2));
        Set<String> seen = fingerprints.computeIfAbsent(leg.callKey(), k -> new HashSet<>(4));
        if (!seen.add(leg.rowFingerprint())) {
            return Added.DUPLICATE;
        }
        if (legs.size() >= MAX_LEGS) {
            return Added.TOO_MANY_LEGS;
        }
        legs.add(leg);
        batch.add(leg.callKey());
        Instant lastEnd = lastEnds.merge(leg.callKey(), leg.end(), (a, b) -> a.isAfter(b) ? a : b);
        due.add(new Due(lastEnd, leg.callKey()));
        if (latestEnd == null || leg.end().isAfter(latestEnd)) {
            latestEnd = leg.end();
        }
        return Added.ADDED;
    }

    /** The run of lines of one channel is over (another channel's line, or nothing more written for a while). */
    void endBatch() {
        batch.clear();
        batchChannel = null;
    }

    /** The line of the first record of a call already handed over. */
    long doneAt(String callKey) {
        return done.getOrDefault(callKey, -1L);
    }

    /**
     * Calls whose wait is over (or the oldest ones beyond the bound), each as its legs in file order.
     *
     * @param now the time when it is known that every leg that ended before it has been read, or null
     */
    List<List<AsteriskLeg>> ready(Instant now) {
        List<List<AsteriskLeg>> out = new ArrayList<>();
        Instant latest = now == null || (latestEnd != null && latestEnd.isAfter(now)) ? latestEnd : now;
        Instant horizon = latest == null ? null : latest.minus(wait);
        List<Due> held = new ArrayList<>();
        while (!due.isEmpty()) {
            Due next = due.peek();
            boolean over = horizon != null && next.lastEnd.isBefore(horizon);
            if (!over && pending.size() <= MAX_PENDING) {
                break;
            }
            due.poll();
            if (!next.lastEnd.equals(lastEnds.get(next.key))) {
                continue;
            }
            if (batch.contains(next.key) && pending.size() <= MAX_PENDING) {
                held.add(next);
            } else {
                out.add(handOver(next.key));
            }
        }
        due.addAll(held);
        return out;
    }

    /** Every call still pending, in the order of their first record. */
    List<List<AsteriskLeg>> all() {
        List<List<AsteriskLeg>> out = new ArrayList<>();
        for (String key : new ArrayList<>(pending.keySet())) {
            out.add(handOver(key));
        }
        due.clear();
        return out;
    }

    /** The calls waiting. */
    Set<String> pendingKeys() {
        return pending.keySet();
    }

    private List<AsteriskLeg> handOver(String key) {
        List<AsteriskLeg> legs = pending.remove(key);
        fingerprints.remove(key);
        lastEnds.remove(key);
        done.put(key, legs.get(0).lineNumber());
        return legs;
    }
}
