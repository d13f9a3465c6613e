package org.hotlinepulse.cdr.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HangupCauseUnitTest {

    @Test
    void standardCausesAreTheirQ850ValueAndFreeswitchsOwnHaveNone() {
        assertThat(HangupCause.all()).hasSizeGreaterThan(80);
        HangupCause.all().values().forEach(cause -> {
            if (cause.q850() != null) {
                assertThat(cause.q850()).isEqualTo(cause.code()).isBetween(1, 127);
            } else {
                assertThat(cause.code() == 0 || cause.code() > 127).as(cause.name()).isTrue();
            }
            assertThat(HangupCause.byCode(cause.code())).isEqualTo(cause);
        });
        assertThat(HangupCause.byName(" user_busy ").q850()).isEqualTo(17);
        assertThat(HangupCause.byCode(487).name()).isEqualTo("ORIGINATOR_CANCEL");
    }

    @Test
    void anUnknownNameIsAProblemNamingTheField() {
        assertThatThrownBy(() -> HangupCause.parse("HUNG_UP")).isInstanceOf(FieldProblem.class)
                .hasMessageStartingWith("field hangup_cause \"HUNG_UP\" is not a FreeSWITCH hangup cause name");
    }
}
