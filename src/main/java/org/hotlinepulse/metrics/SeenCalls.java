package org.hotlinepulse.metrics;

/**
 * The call_ids one line has counted within the duplicate horizon, with their start times: an
 * open-addressing table of 64-bit call_id hashes (two arrays of primitives, no object per call).
 * Two different call_ids of one line collide with a probability of about n² / 2⁶⁵ for n calls in
 * the horizon (below 10⁻¹⁰ for a line with 50,000 calls a day); a collision would count the second
 * call as a repeat. A Flink POJO.
 */
public class SeenCalls {
    private static final int MIN_CAPACITY = 8;
    /** The hash that marks a free slot; a call_id hashing to it is stored as {@link #FREE_STANDIN}. */
    private static final long FREE = 0;
    private static final long FREE_STANDIN = 1;

    /** Call_id hashes by slot, {@link #FREE} for a free slot; the length is a power of two. */
    public long[] hashes = new long[0];
    /** The start time of the call in the same slot. */
    public long[] starts = new long[0];
    public int size;
    /** No call kept started before this (a lower bound: it may be older than the oldest kept). */
    public long oldestStart = Long.MAX_VALUE;

    public SeenCalls() {}

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Remembers the call unless it repeats one already kept ({@link WindowBook#isRepeat});
     * returns whether it was a repeat. A call_id seen before beyond the horizon starts afresh.
     */
    boolean checkAndAdd(String callId, long start, WindowBook book) {
        long hash = hash(callId);
        if ((size + 1) * 2 > hashes.length) {
            rehash(Math.max(MIN_CAPACITY, hashes.length * 2));
        }
        int slot = slotOf(hash);
        if (hashes[slot] == hash) {
            if (book.isRepeat(starts[slot], start)) {
                return true;
            }
        } else {
            hashes[slot] = hash;
            size++;
        }
        starts[slot] = start;
        oldestStart = Math.min(oldestStart, start);
        return false;
    }

    /** Forgets the calls that {@link WindowBook#isCallForgotten} at {@code cleanupTime}. */
    void forget(long cleanupTime, WindowBook book) {
        long[] oldHashes = hashes;
        long[] oldStarts = starts;
        int capacity = MIN_CAPACITY;
        int kept = 0;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != FREE && !book.isCallForgotten(oldStarts[i], cleanupTime)) {
                kept++;
            }
        }
        while (kept * 2 > capacity) {
            capacity *= 2;
        }
        hashes = new long[kept == 0 ? 0 : capacity];
        starts = new long[hashes.length];
        size = 0;
        oldestStart = Long.MAX_VALUE;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != FREE && !book.isCallForgotten(oldStarts[i], cleanupTime)) {
                insert(oldHashes[i], oldStarts[i]);
            }
        }
    }

    private void rehash(int capacity) {
        long[] oldHashes = hashes;
        long[] oldStarts = starts;
        hashes = new long[capacity];
        starts = new long[capacity];
        size = 0;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != FREE) {
                insert(oldHashes[i], oldStarts[i]);
            }
        }
    }

    private void insert(long hash, long start) {
        int slot = slotOf(hash);
        hashes[slot] = hash;
        starts[slot] = start;
        size++;
        oldestStart = Math.min(oldestStart, start);
    }

    /** The slot holding {@code hash}, or the free slot where it would go (linear probing). */
    private int slotOf(long hash) {
        int mask = hashes.length - 1;
        int slot = (int) hash & mask;
        while (hashes[slot] != FREE && hashes[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** FNV-1a over the UTF-16 code units, then MurmurHash3's 64-bit finaliser to spread the bits. */
    static long hash(String callId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < callId.length(); i++) {
            h = (h ^ callId.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == FREE ? FREE_STANDIN : h;
    }
}
