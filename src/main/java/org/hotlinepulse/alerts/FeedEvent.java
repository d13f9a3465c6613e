package org.hotlinepulse.alerts;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.hotlinepulse.cdr.CdrSource;
import org.hotlinepulse.pipeline.LineEvent;

/**
 * What the feed-health detector needs of a CDR: which feed delivered it, for which line, when the
 * call started. Every CDR crosses to it keyed by feed; three fields travel cheaper than the CDR.
 */
@TypeInfo(FeedEventCodec.class)
public class FeedEvent {
    /** The feed ({@link CdrSource#of}), the key. */
    public String source;
    public String line;
    public long startTime;

    /** For {@link FeedEventCodec}; use {@link #of}. */
    public FeedEvent() {}

    /** The feed event of a call. */
    public static FeedEvent of(LineEvent event) {
        FeedEvent e = new FeedEvent();
        e.source = event.call.source();
        e.line = event.line;
        e.startTime = event.call.startTime();
        return e;
    }
}
