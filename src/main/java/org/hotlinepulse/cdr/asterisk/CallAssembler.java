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
 * does not depend on reading speed; at the end of input every call is handed over. Remembers the calls handed
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

    CallAssembler(Duration wait) {
        this.wait = wait;
    }

    Added add(AsteriskLeg leg) {
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
        Instant lastEnd = lastEnds.merge(leg.callKey(), leg.end(), (a, b) -> a.isAfter(b) ? a : b);
        due.add(new Due(lastEnd, leg.callKey()));
        if (latestEnd == null || leg.end().isAfter(latestEnd)) {
            latestEnd = leg.end();
        }
        return Added.ADDED;
    }

    /** The line of the first record of a call already handed over. */
    long doneAt(String callKey) {
        return done.getOrDefault(callKey, -1L);
    }

    /** Calls whose wait is over (or the oldest ones beyond the bound), each as its legs in file order. */
    List<List<AsteriskLeg>> ready() {
        List<List<AsteriskLeg>> out = new ArrayList<>();
        Instant horizon = latestEnd == null ? null : latestEnd.minus(wait);
        while (!due.isEmpty()) {
            Due next = due.peek();
            boolean over = horizon != null && next.lastEnd.isBefore(horizon);
            if (!over && pending.size() <= MAX_PENDING) {
                break;
            }
            due.poll();
            if (next.lastEnd.equals(lastEnds.get(next.key))) {
                out.add(handOver(next.key));
            }
        }
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

    private List<AsteriskLeg> handOver(String key) {
        List<AsteriskLeg> legs = pending.remove(key);
        fingerprints.remove(key);
        lastEnds.remove(key);
        done.put(key, legs.get(0).lineNumber());
        return legs;
    }
}
