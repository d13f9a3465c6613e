package org.hotlinepulse.replay;

import org.apache.flink.api.common.accumulators.IntCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.hotlinepulse.metrics.WindowMetrics;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the metrics.csv writer when the rows are discarded: counts the rows metrics.csv would have (one per
 * row key; upserts replace) and when the last one came, and passes every row on to the discarding sink. How many
 * upserts precede a row's final value depends on when watermarks were emitted, so only the final rows compare.
 */
final class DiscardedMetricsRows extends RichMapFunction<WindowMetrics, WindowMetrics> {
    private static final String ROWS = "metrics_rows_discarded";
    private static final String LAST_ROW_AT = "last_metrics_row_at_ms";

    private transient Set<String> keys;
    private transient IntCounter rows;
    private transient LongMaximum lastRowAt;

    @Override
    public void open(OpenContext openContext) {
        keys = new HashSet<>();
        rows = getRuntimeContext().getIntCounter(ROWS);
        lastRowAt = new LongMaximum();
        getRuntimeContext().addAccumulator(LAST_ROW_AT, lastRowAt);
    }

    @Override
    public WindowMetrics map(WindowMetrics row) {
        if (keys.add(row.rowKey())) {
            rows.add(1);
        }
        lastRowAt.add(System.currentTimeMillis());
        return row;
    }

    /** The rows a finished job's metrics.csv would have held. */
    static long rows(Map<String, Object> accumulators) {
        Object value = accumulators.get(ROWS);
        return value == null ? 0 : (Integer) value;
    }

    /** When the last row came, in epoch milliseconds, or -1 when none did. */
    static long lastRowAt(Map<String, Object> accumulators) {
        Object value = accumulators.get(LAST_ROW_AT);
        return value == null || (Long) value == Long.MIN_VALUE ? -1 : (Long) value;
    }
}
