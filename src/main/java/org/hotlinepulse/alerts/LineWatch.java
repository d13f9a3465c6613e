package org.hotlinepulse.alerts;

import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.pipeline.OneTimerPerKey;

import java.util.Arrays;

/**
 * Everything {@link LineHealthDetector} keeps for one key, in one keyed value so that a call or a
 * timer costs one state read: the rule state, the calls waiting for the watermark, when they are
 * next due, and the watermark this key has seen pass. A Flink POJO.
 */
public class LineWatch {
    /** {@link #timer} and {@link #ruleDue} when there is none. */
    public static final long NONE = OneTimerPerKey.NONE;

    public LineHealth health = new LineHealth();
    /** Calls not yet judged, by start_time; calls starting at the same moment in arrival order. */
    public Attempt[] waiting = new Attempt[0];
    /** When the rules or a waiting call are next due, as last scheduled: the key's one timer is at the earlier of this and its windows'. */
    public long timer = NONE;
    /** When {@link LineHealth#onTimer} is next due. */
    public long ruleDue = NONE;
    /** Whether the line is watched for silence (listed by the directory, or called). */
    public boolean watched;
    /** The earliest event time the line is watched from; meaningful when {@link #watched}. */
    public long watchedSince;
    /** The latest watermark this key has seen pass (Flink does not checkpoint watermarks). */
    public long passed = Long.MIN_VALUE;

    public LineWatch() {}

    /** Adds a call to the waiting ones, after every call that started no later. */
    void await(Attempt call) {
        int at = waiting.length;
        while (at > 0 && waiting[at - 1].startTime() > call.startTime()) {
            at--;
        }
        Attempt[] longer = new Attempt[waiting.length + 1];
        System.arraycopy(waiting, 0, longer, 0, at);
        longer[at] = call;
        System.arraycopy(waiting, at, longer, at + 1, waiting.length - at);
        waiting = longer;
    }

    /** The start of the first waiting call, or {@link #NONE}. */
    long firstWaiting() {
        return waiting.length == 0 ? NONE : waiting[0].startTime();
    }

    /** Removes and returns the waiting calls that start at the first waiting call's start. */
    Attempt[] takeFirstWaiting() {
        int n = 1;
        while (n < waiting.length && waiting[n].startTime() == waiting[0].startTime()) {
            n++;
        }
        Attempt[] due = Arrays.copyOf(waiting, n);
        waiting = Arrays.copyOfRange(waiting, n, waiting.length);
        return due;
    }
}
