package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.TimeSpan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Arithmetic on sets of instants written as lists of {@link TimeSpan}: the results are sorted,
 * disjoint and non-empty spans, which is what every method expects of its arguments too (except
 * {@link #union}, which takes any list).
 */
final class Spans {
    private Spans() {}

    /** The union of any spans, sorted and joined where they overlap or touch. */
    static List<TimeSpan> union(List<TimeSpan> spans) {
        List<TimeSpan> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(TimeSpan::from));
        List<TimeSpan> joined = new ArrayList<>();
        Instant from = null;
        Instant to = null;
        for (TimeSpan s : sorted) {
            if (!s.from().isBefore(s.to())) {
                continue;
            }
            if (to != null && !s.from().isAfter(to)) {
                if (s.to().isAfter(to)) {
                    to = s.to();
                }
            } else {
                if (from != null) {
                    joined.add(new TimeSpan(from, to));
                }
                from = s.from();
                to = s.to();
            }
        }
        if (from != null) {
            joined.add(new TimeSpan(from, to));
        }
        return joined;
    }

    /** The instants in both. */
    static List<TimeSpan> intersect(List<TimeSpan> a, List<TimeSpan> b) {
        List<TimeSpan> both = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            TimeSpan x = a.get(i);
            TimeSpan y = b.get(j);
            Instant from = x.from().isAfter(y.from()) ? x.from() : y.from();
            Instant to = x.to().isBefore(y.to()) ? x.to() : y.to();
            if (from.isBefore(to)) {
                both.add(new TimeSpan(from, to));
            }
            if (x.to().isBefore(y.to())) {
                i++;
            } else {
                j++;
            }
        }
        return both;
    }

    /** The instants of {@code a} not in {@code b}. */
    static List<TimeSpan> subtract(List<TimeSpan> a, List<TimeSpan> b) {
        List<TimeSpan> rest = new ArrayList<>();
        int j = 0;
        for (TimeSpan x : a) {
            Instant from = x.from();
            while (j < b.size() && !b.get(j).to().isAfter(from)) {
                j++;
            }
            int k = j;
            while (k < b.size() && b.get(k).from().isBefore(x.to())) {
                TimeSpan cut = b.get(k);
                if (cut.from().isAfter(from)) {
                    rest.add(new TimeSpan(from, cut.from()));
                }
                if (cut.to().isAfter(from)) {
                    from = cut.to();
                }
                k++;
            }
            if (from.isBefore(x.to())) {
                rest.add(new TimeSpan(from, x.to()));
            }
        }
        return rest;
    }

    /** The total length in milliseconds. */
    static long millis(List<TimeSpan> spans) {
        long total = 0;
        for (TimeSpan s : spans) {
            total += Duration.between(s.from(), s.to()).toMillis();
        }
        return total;
    }

    /** How many milliseconds of [from, to) the sorted, disjoint {@code spans} cover (binary search). */
    static long overlapMillis(List<TimeSpan> spans, Instant from, Instant to) {
        int lo = 0;
        int hi = spans.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (spans.get(mid).to().isAfter(from)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        long covered = 0;
        for (int i = lo; i < spans.size() && spans.get(i).from().isBefore(to); i++) {
            TimeSpan s = spans.get(i);
            Instant a = s.from().isAfter(from) ? s.from() : from;
            Instant b = s.to().isBefore(to) ? s.to() : to;
            covered += Duration.between(a, b).toMillis();
        }
        return covered;
    }
}
