package org.hotlinepulse.monitoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabelBudgetUnitTest {

    @Test
    void theFirstValuesGetAMetricEachAndTheRestShareOther() {
        List<String> registered = new ArrayList<>();
        LabelBudget<String> budget = new LabelBudget<>(2, value -> {
            registered.add(value);
            return "metric of " + value;
        });

        assertThat(budget.of("pbx-a")).isEqualTo("metric of pbx-a");
        assertThat(budget.of("pbx-b")).isEqualTo("metric of pbx-b");
        assertThat(budget.of("pbx-a")).isEqualTo("metric of pbx-a");
        assertThat(budget.of("pbx-c")).isEqualTo("metric of other");
        assertThat(budget.of("pbx-d")).isEqualTo("metric of other");
        assertThat(registered).as("each registered once, so no metric is registered twice")
                .containsExactly("pbx-a", "pbx-b", "other");
    }

    @Test
    void aValueSpelledOtherDoesNotTakeASlotOfItsOwn() {
        List<String> registered = new ArrayList<>();
        LabelBudget<String> budget = new LabelBudget<>(1, value -> {
            registered.add(value);
            return value;
        });
        budget.of("other");
        budget.of("pbx-a");
        assertThat(registered).containsExactly("other", "pbx-a");
    }
}
