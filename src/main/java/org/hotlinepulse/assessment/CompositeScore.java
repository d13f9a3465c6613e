package org.hotlinepulse.assessment;

import org.hotlinepulse.metrics.Ratio;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The composite score that ranks departments (docs/assessment.md §5): 100 × the weighted mean of
 * availability, answer rate, number accuracy, resolution rate and satisfied share, over the
 * components that are defined for the department (weights renormalised), rounded half up to two
 * decimals. Computed in decimal arithmetic from the integer counts, so a re-run gives the same
 * digits.
 */
public final class CompositeScore {

    /** Component weights, in the order the docs list them. */
    public static final Map<String, Integer> WEIGHTS = weights();

    private static final Map<String, Function<DepartmentAssessment, Ratio>> COMPONENTS = components();

    private CompositeScore() {}

    private static Map<String, Integer> weights() {
        Map<String, Integer> w = new LinkedHashMap<>();
        w.put("availability", 30);
        w.put("answer_rate", 30);
        w.put("number_accuracy", 20);
        w.put("resolution_rate", 10);
        w.put("satisfied_share", 10);
        return java.util.Collections.unmodifiableMap(w);
    }

    private static Map<String, Function<DepartmentAssessment, Ratio>> components() {
        Map<String, Function<DepartmentAssessment, Ratio>> c = new LinkedHashMap<>();
        c.put("availability", d -> d.availability().ratio());
        c.put("answer_rate", d -> d.rates().answerRate());
        c.put("number_accuracy", DepartmentAssessment::numberAccuracy);
        c.put("resolution_rate", DepartmentAssessment::resolutionRate);
        c.put("satisfied_share", DepartmentAssessment::satisfiedShare);
        return c;
    }

    /** The score, or null when none of the components is defined. */
    public static BigDecimal of(DepartmentAssessment d) {
        BigDecimal weighted = BigDecimal.ZERO;
        int weightSum = 0;
        for (Map.Entry<String, Function<DepartmentAssessment, Ratio>> c : COMPONENTS.entrySet()) {
            Ratio r = c.getValue().apply(d);
            if (!r.isDefined()) {
                continue;
            }
            int weight = WEIGHTS.get(c.getKey());
            BigDecimal value = BigDecimal.valueOf(r.numerator())
                    .divide(BigDecimal.valueOf(r.denominator()), MathContext.DECIMAL128);
            weighted = weighted.add(value.multiply(BigDecimal.valueOf(weight)));
            weightSum += weight;
        }
        if (weightSum == 0) {
            return null;
        }
        return weighted.multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(weightSum), 2, RoundingMode.HALF_UP);
    }

    /**
     * Scores and ranks: best score first, equal scores share a rank (1, 2, 2, 4) and are listed by
     * department id; departments without a score come last, unranked.
     */
    public static List<DepartmentAssessment> rank(List<DepartmentAssessment> departments) {
        List<DepartmentAssessment> scored = new ArrayList<>();
        for (DepartmentAssessment d : departments) {
            scored.add(d.ranked(of(d), 0));
        }
        scored.sort(Comparator.comparing(DepartmentAssessment::score, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(d -> d.department().id()));
        List<DepartmentAssessment> ranked = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            DepartmentAssessment d = scored.get(i);
            int rank = 0;
            if (d.score() != null) {
                rank = i > 0 && d.score().equals(scored.get(i - 1).score()) ? ranked.get(i - 1).rank() : i + 1;
            }
            ranked.add(d.ranked(d.score(), rank));
        }
        return ranked;
    }
}
