package org.hotlinepulse.alerts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTextUnitTest {

    @Test
    void joinPutsChineseFirstAndSplitGivesBothBack() {
        String summary = AlertText.join("12345 号线路无法接通", "line 12345 is out of service");
        assertThat(summary).isEqualTo("12345 号线路无法接通 | line 12345 is out of service");
        assertThat(AlertText.split(summary))
                .containsExactly("12345 号线路无法接通", "line 12345 is out of service");
    }

    @Test
    void splitsAtTheFirstSeparatorOnly() {
        assertThat(AlertText.split("无人接听 | no answer | 5 calls"))
                .containsExactly("无人接听", "no answer | 5 calls");
    }

    @Test
    void withoutSeparatorBothPartsAreTheWhole() {
        assertThat(AlertText.split("feed stale|x")).containsExactly("feed stale|x", "feed stale|x");
    }
}
