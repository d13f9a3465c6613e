package org.hotlinepulse.alertmanager;

import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservedInstanceUnitTest {

    @Test
    void failuresAreCountedAndPassedOnSuccessesTimed() throws Exception {
        SimpleCounter failures = new SimpleCounter();
        AtomicLong lastSuccess = new AtomicLong();
        boolean[] up = {false};
        AlertmanagerInstance flaky = alerts -> {
            if (!up[0]) {
                throw new AlertmanagerException("connection refused", true, null);
            }
        };
        ObservedInstance observed = new ObservedInstance(flaky, failures, lastSuccess,
                Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC));

        assertThatThrownBy(() -> observed.post(List.of())).isInstanceOf(AlertmanagerException.class)
                .hasMessage("connection refused");
        assertThatThrownBy(() -> observed.post(List.of())).isInstanceOf(AlertmanagerException.class);
        assertThat(failures.getCount()).isEqualTo(2);
        assertThat(lastSuccess.get()).as("no success yet").isZero();

        up[0] = true;
        observed.post(List.of());
        assertThat(failures.getCount()).isEqualTo(2);
        assertThat(lastSuccess.get()).isEqualTo(1_800_000_000_000L);
    }

    @Test
    void anAlertRefusedAsInvalidIsNotADeliveryFailure() {
        SimpleCounter failures = new SimpleCounter();
        ObservedInstance observed = new ObservedInstance(alerts -> {
            throw new AlertmanagerException("400 bad request", false, null);
        }, failures, new AtomicLong(), Clock.systemUTC());
        assertThatThrownBy(() -> observed.post(List.of())).isInstanceOf(AlertmanagerException.class);
        assertThat(failures.getCount()).isZero();
    }
}
