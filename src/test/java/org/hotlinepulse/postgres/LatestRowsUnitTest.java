package org.hotlinepulse.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatestRowsUnitTest {

    record Row(String key, int version) {}

    private final LatestRows<Row> batch = new LatestRows<>(Row::key);

    @Test
    void aKeyAddedTwiceKeepsItsLastValueInThePlaceOfItsFirst() {
        batch.add(new Row("a", 1));
        batch.add(new Row("b", 1));
        batch.add(new Row("a", 2));
        batch.add(new Row("c", 1));
        batch.add(new Row("a", 3));

        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.rows()).containsExactly(new Row("a", 3), new Row("b", 1), new Row("c", 1));
    }

    @Test
    void theSizeCountsDistinctKeys() {
        for (int version = 1; version <= 5; version++) {
            batch.add(new Row("a", version));
        }
        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.isEmpty()).isFalse();
    }

    @Test
    void clearingStartsANewBatchWhoseValuesAreItsOwn() {
        batch.add(new Row("a", 1));
        batch.clear();
        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.rows()).isEmpty();

        batch.add(new Row("a", 2));
        assertThat(batch.rows()).containsExactly(new Row("a", 2));
    }

    @Test
    void theRowsAreACopyThatLaterAdditionsDoNotChange() {
        batch.add(new Row("a", 1));
        var rows = batch.rows();
        batch.add(new Row("a", 2));
        batch.add(new Row("b", 1));
        assertThat(rows).containsExactly(new Row("a", 1));
    }
}
