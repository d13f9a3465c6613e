package org.hotlinepulse.metrics;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Counts that one line contributed to one minute: the partial aggregate from which every
 * window and department row is rolled up. It is additive: a late CDR travels on as a
 * MinuteCounts of its own that adds to what was sent before. Serialized by {@link MinuteCountsCodec}.
 */
@TypeInfo(MinuteCountsCodec.class)
public class MinuteCounts {
    public String line;
    public String department;
    public long minuteStart;
    public Counts counts;

    public MinuteCounts() {}

    public MinuteCounts(String line, String department, long minuteStart, Counts counts) {
        this.line = line;
        this.department = department;
        this.minuteStart = minuteStart;
        this.counts = counts;
    }

    @Override
    public String toString() {
        return "MinuteCounts{" + line + "@" + department + ", " + minuteStart + ", " + counts + '}';
    }
}
