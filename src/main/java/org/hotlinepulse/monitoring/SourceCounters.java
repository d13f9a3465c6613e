package org.hotlinepulse.monitoring;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.hotlinepulse.cdr.CdrSource;

/**
 * One of the per-source counts of {@link JobMetric} (read, rejected, late, duplicate) for one
 * operator, labelled with the CDR's {@code source}: the first {@link #MAX_SOURCES} sources an operator
 * instance sees are labelled by name, later ones as {@link LabelBudget#OTHER}. Counters are registered
 * when first used, so an operator shows only the sources it has counted.
 */
public final class SourceCounters {
    /** The most sources one operator instance labels by name. */
    public static final int MAX_SOURCES = 20;

    private final LabelBudget<Counter> counters;

    public SourceCounters(MetricGroup operator, JobMetric metric) {
        counters = new LabelBudget<>(MAX_SOURCES, value -> metric.counter(operator, value));
    }

    /** Counts one record of this source (null: {@link CdrSource#DEFAULT}). */
    public void inc(String source) {
        counters.of(CdrSource.orDefault(source)).inc();
    }
}
