package org.hotlinepulse.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiredServiceUnitTest {

    private static final String MISSING = "no Alertmanager binary; install it with: apt-get install -y prometheus-alertmanager";

    @Test
    void anAvailableServicePassesEitherWay() {
        assertThatCode(() -> RequiredService.assumeAvailable(true, MISSING, false)).doesNotThrowAnyException();
        assertThatCode(() -> RequiredService.assumeAvailable(true, MISSING, true)).doesNotThrowAnyException();
    }

    @Test
    void aMissingServiceSkipsTheTestWithTheReason() {
        assertThatThrownBy(() -> RequiredService.assumeAvailable(false, MISSING, false))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining(MISSING);
    }

    @Test
    void aMissingServiceFailsTheTestWhenEveryServiceIsRequired() {
        assertThatThrownBy(() -> RequiredService.assumeAvailable(false, MISSING, true))
                .isInstanceOf(AssertionError.class)
                .hasMessage(MISSING + " (HOTLINE_PULSE_REQUIRE_SERVICES is set: every service must be there)");
    }

    @Test
    void aClassWithoutItsServiceIsDisabledWithTheReasonOrFailsWhenEveryServiceIsRequired() {
        assertThat(RequiredService.condition(true, MISSING, true).isDisabled()).isFalse();
        assertThat(RequiredService.condition(false, MISSING, false).getReason()).hasValue(MISSING);
        assertThatThrownBy(() -> RequiredService.condition(false, MISSING, true))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith(MISSING);
    }
}
