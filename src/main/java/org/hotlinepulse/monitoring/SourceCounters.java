package org.hotlinepulse.monitoring;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One of the per-source counts of {@link JobMetric} (read, rejected, late, duplicate) for one
 * operator, labelled with the CDR's {@code source}: the first {@link #MAX_SOURCES} sources an operator
 * instance sees are labelled by name, later ones as {@link LabelBudget#OTHER}. Counters are registered
 * when first used, so an operator shows only the sources it has counted.
 */
public final class SourceCounters {
    /** The most sources one operator instance labels by name. */
    public static final int MAX_SOURCES = 20;
    /** The label of CDRs without a {@code source} (the contract reads an absent one as the default feed). */
    public static final String DEFAULT_SOURCE = "default";

    private final LabelBudget<Counter> counters;

    public SourceCounters(MetricGroup operator, JobMetric metric) {
        counters = new LabelBudget<>(MAX_SOURCES, value -> metric.counter(operator, value));
    }

    /** Counts one record of this source (null: {@link #DEFAULT_SOURCE}). */
    public void inc(String source) {
        counters.of(source == null ? DEFAULT_SOURCE : source).inc();
    }
}
