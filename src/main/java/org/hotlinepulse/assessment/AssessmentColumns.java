package org.hotlinepulse.assessment;

import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.Ratio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a scorecard row, one list for the CSV and the HTML report, so both show the same
 * figures: each column's exact value for the CSV (counts as integers, rates and minutes with four
 * decimals rounded half up from the integers, empty when undefined, the score with two) and the
 * same value as the HTML prints it for reading ({@link ReportFigures}).
 */
public final class AssessmentColumns {

    /**
     * One column: its key (the label is {@code col.<key>} in the report texts), its exact value and
     * its value as printed.
     */
    public record Column(String key, Function<DepartmentAssessment, String> value,
                         Function<DepartmentAssessment, String> printed) {}

    /** Every column, in order; the month and version columns are added by the writers. */
    public static final List<Column> ALL = columns();

    /** The keys of the columns the ranked table shows. */
    public static final List<String> RANKING = List.of("rank", "department_name", "score", "number_accuracy",
            "answer_rate", "connection_rate", "resolution_rate", "satisfaction_mean", "satisfied_share",
            "availability", "mttr_minutes", "alerts_total", "lines_listed", "lines_out_of_service", "attempts");

    private AssessmentColumns() {}

    /** The column under {@code key}. */
    public static Column column(String key) {
        for (Column c : ALL) {
            if (c.key().equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column " + key);
    }

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(text("rank", d -> d.rank() == 0 ? "" : Integer.toString(d.rank())));
        c.add(text("score", d -> d.score() == null ? "" : d.score().toPlainString()));
        c.add(text("department", d -> d.department().id()));
        c.add(text("department_name", d -> d.department().name()));
        c.add(rate("number_accuracy", DepartmentAssessment::numberAccuracy));
        c.add(rate("answer_rate", d -> d.rates().answerRate()));
        c.add(rate("connection_rate", d -> d.rates().connectionRate()));
        c.add(rate("resolution_rate", DepartmentAssessment::resolutionRate));
        c.add(ratio("satisfaction_mean", DepartmentAssessment::satisfactionMean, r -> ReportFigures.decimals(r, 2)));
        c.add(rate("satisfied_share", DepartmentAssessment::satisfiedShare));
        c.add(rate("availability", d -> d.availability().ratio()));
        c.add(count("lines_listed", d -> d.linesListed()));
        c.add(count("lines_working", d -> d.linesWorking()));
        c.add(count("lines_out_of_service", d -> d.alerts().linesOutOfService().size()));
        c.add(ratio("scheduled_minutes", d -> new Ratio(d.availability().scheduledMillis(), 60_000),
                ReportFigures::wholeMinutes));
        c.add(ratio("unavailable_minutes", d -> new Ratio(d.availability().unavailableMillis(), 60_000),
                ReportFigures::wholeMinutes));
        c.add(ratio("mttr_minutes", d -> d.alerts().mttrMinutes(), ReportFigures::hoursAndMinutes));
        c.add(count("resolved_outages", d -> d.alerts().resolvedOutages()));
        c.add(count("open_outages", d -> d.alerts().openOutages()));
        c.add(count("alerts_total", d -> d.alerts().total()));
        for (AlertType type : DepartmentAlerts.LINE_TYPES) {
            c.add(count("alerts_" + type.name(), d -> d.alerts().count(type)));
        }
        for (int i = 0; i < Counts.SECTION_4_COLUMNS; i++) {
            int at = i;
            String key = Counts.COLUMNS.get(i);
            c.add(key.endsWith("_ms_sum") ? milliseconds(key, d -> d.inService().columnValues()[at])
                    : count(key, d -> d.inService().columnValues()[at]));
        }
        c.add(rate("abandonment_rate", d -> d.rates().abandonmentRate()));
        c.add(rate("service_level", d -> d.rates().serviceLevel()));
        c.add(ratio("asa_seconds", d -> d.rates().asaSeconds(), r -> ReportFigures.decimals(r, 1)));
        c.add(count("after_hours_attempts", d -> d.afterHours().attempts));
        c.add(count("after_hours_connected", d -> d.afterHours().connected));
        c.add(count("after_hours_answered", d -> d.afterHours().answered));
        return Collections.unmodifiableList(c);
    }

    private static Column text(String key, Function<DepartmentAssessment, String> text) {
        return new Column(key, text, text);
    }

    /** A rate, printed as a percentage. */
    private static Column rate(String key, Function<DepartmentAssessment, Ratio> ratio) {
        return ratio(key, ratio, ReportFigures::percent);
    }

    private static Column ratio(String key, Function<DepartmentAssessment, Ratio> ratio, Function<Ratio, String> printed) {
        return new Column(key, d -> ratio.apply(d).fourDecimals(), d -> printed.apply(ratio.apply(d)));
    }

    private static Column count(String key, Function<DepartmentAssessment, Number> count) {
        return new Column(key, d -> count.apply(d).toString(), d -> ReportFigures.count(count.apply(d).longValue()));
    }

    /** A sum of milliseconds, printed in hours and minutes. */
    private static Column milliseconds(String key, Function<DepartmentAssessment, Long> millis) {
        return new Column(key, d -> millis.apply(d).toString(),
                d -> ReportFigures.hoursAndMinutes(new Ratio(millis.apply(d), 60_000)));
    }
}
