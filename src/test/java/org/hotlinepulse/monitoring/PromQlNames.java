package org.hotlinepulse.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: what is left of its identifiers once label matchers,
 * grouping clauses, range selectors, strings, functions and keywords are taken out. Enough for the
 * expressions of this repository's rules and dashboards, not a PromQL parser.
 */
final class PromQlNames {
    private static final Pattern STRIP = Pattern.compile(
            "\"[^\"]*\"|'[^']*'|\\{[^}]*}|\\[[^\\]]*]|\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private PromQlNames() {}

    static Set<String> of(String expression) {
        String bare = STRIP.matcher(expression).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            boolean function = m.group(2) != null;
            if (!function && !KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Every name the job's metrics, Flink's and Prometheus's own series give a query. */
    static Set<String> known() {
        Set<String> known = new TreeSet<>(JobMetric.prometheusNames());
        known.addAll(FlinkMetricNames.ALL);
        known.addAll(FlinkMetricNames.PROMETHEUS);
        return known;
    }
}
