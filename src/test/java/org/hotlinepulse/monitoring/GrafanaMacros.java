package org.hotlinepulse.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What Grafana's PostgreSQL data source makes of the macros and template variables the dashboards
 * use, for running their queries outside Grafana: the time range is the last day, a department
 * variable one department id.
 */
final class GrafanaMacros {
    private static final Map<Pattern, String> MACROS = new LinkedHashMap<>();

    static {
        MACROS.put(Pattern.compile("\\$__timeFilter\\(([^)]+)\\)"), "$1 BETWEEN now() - interval '1 day' AND now()");
        MACROS.put(Pattern.compile("\\$__timeGroupAlias\\(([^,]+),[^)]*\\)"), "date_trunc('hour', $1) AS \"time\"");
        MACROS.put(Pattern.compile("\\$__timeFrom\\(\\)"), "(now() - interval '1 day')");
        MACROS.put(Pattern.compile("\\$__timeTo\\(\\)"), "now()");
        MACROS.put(Pattern.compile("\\$\\{?department}?"), "'zz-12345'");
    }

    private GrafanaMacros() {}

    static String substitute(String grafanaSql) {
        String sql = grafanaSql;
        for (Map.Entry<Pattern, String> macro : MACROS.entrySet()) {
            sql = macro.getKey().matcher(sql).replaceAll(macro.getValue());
        }
        return sql;
    }
}
