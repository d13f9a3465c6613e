package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Cdr;

/**
 * What the feed-health detector needs of a CDR: which feed delivered it, for which line, when the
 * call started. Every CDR crosses to it keyed by feed; three fields travel cheaper than the CDR.
 */
public class FeedEvent {
    /** The feed ({@link Attempt#sourceOf}), the key. */
    public String source;
    public String line;
    public long startTime;

    /** For Flink's POJO serializer; use {@link #of}. */
    public FeedEvent() {}

    public static FeedEvent of(Cdr cdr) {
        FeedEvent e = new FeedEvent();
        e.source = Attempt.sourceOf(cdr);
        e.line = cdr.getLine();
        e.startTime = cdr.getStartTime().toEpochMilli();
        return e;
    }
}
