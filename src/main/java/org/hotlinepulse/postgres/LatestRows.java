package org.hotlinepulse.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rows of a batch not yet written, holding only the latest value of each row key: a row
 * replaces the one of its key added before it. Writing only these is what an upsert of every row
 * in arrival order would have left, and lets one statement carry the whole batch (PostgreSQL
 * refuses an {@code INSERT ... ON CONFLICT DO UPDATE} that touches one row twice).
 *
 * @param <T> the row type
 */
public final class LatestRows<T> {

    private final Function<T, String> key;
    private final Map<String, T> rows = new LinkedHashMap<>();

    /** @param key the row key the table upserts on */
    public LatestRows(Function<T, String> key) {
        this.key = key;
    }

    /** Adds a row, replacing the value of its key if the batch held one. */
    public void add(T row) {
        rows.put(key.apply(row), row);
    }

    /** How many distinct row keys the batch holds. */
    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The latest value of each key, in the order the keys first arrived. */
    public List<T> rows() {
        return new ArrayList<>(rows.values());
    }

    /** Empties the batch, once its rows are written. */
    public void clear() {
        rows.clear();
    }
}
