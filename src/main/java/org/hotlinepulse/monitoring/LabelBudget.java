package org.hotlinepulse.monitoring;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Metrics split by a label whose values come from the data (a CDR's {@code source}, a department):
 * the first {@code limit} distinct values each get their own metric, every later value shares the
 * one of {@link #OTHER}, so a stray or hostile value cannot make the series count grow without end.
 * One per operator instance (not thread-safe, as an operator is not).
 */
public final class LabelBudget<M> {
    /** The label value that every value past the limit is counted under. */
    public static final String OTHER = "other";

    private final int limit;
    private final Function<String, M> register;
    private final Map<String, M> metrics = new HashMap<>();
    private M other;

    /** @param register creates the metric of one label value, called once per value */
    public LabelBudget(int limit, Function<String, M> register) {
        this.limit = limit;
        this.register = register;
    }

    /** The metric of this label value, registered on first use; that of {@link #OTHER} past the limit. */
    public M of(String value) {
        M metric = metrics.get(value);
        if (metric != null) {
            return metric;
        }
        if (metrics.size() < limit && !OTHER.equals(value)) {
            metric = register.apply(value);
            metrics.put(value, metric);
            return metric;
        }
        if (other == null) {
            other = register.apply(OTHER);
        }
        return other;
    }
}
