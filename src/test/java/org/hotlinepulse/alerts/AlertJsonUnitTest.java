package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertJsonUnitTest {

    @Test
    void episodeLineHasTheFieldsOfDesignSevenInOrderWithUtcTimes() {
        Alert firing = AlertFixtures.firing("ep-1", "037167890001", "2026-10-12T02:00:00Z");
        assertThat(AlertJson.episodeLine(firing)).isEqualTo("{\"id\":\"ep-1\",\"type\":\"UNANSWERED\","
                + "\"severity\":\"critical\",\"line\":\"037167890001\",\"department\":\"zz-social-security\","
                + "\"starts_at\":\"2026-10-12T02:00:00Z\",\"ends_at\":null,\"labels\":{\"mode\":\"QUEUE_ABANDON\"},"
                + "\"summary\":\"037167890001 号线路无人接听 | line 037167890001 is unanswered\"}");
        assertThat(AlertJson.episodeLine(AlertFixtures.resolved(firing, "2026-10-12T02:40:00.250Z")))
                .contains("\"ends_at\":\"2026-10-12T02:40:00.250Z\"").doesNotContain("state");
    }

    @Test
    void changeLinesReadBackAsTheSameChange() {
        Alert stale = Alert.newBuilder(AlertFixtures.firing("ep-3", null, "2026-10-12T04:00:00Z"))
                .setType(AlertType.FEED_STALE).setDepartment(null)
                .setLabels(Map.of("source", "pbx-east", "zone", "一区")).build();
        Alert resolved = AlertFixtures.resolved(stale, "2026-10-12T05:00:00Z");
        for (Alert change : new Alert[] {stale, resolved}) {
            assertThat(AlertJson.changeLine(change)).contains("\"state\":\"" + change.getState() + "\"");
            assertThat(AlertJson.parseChange(AlertJson.changeLine(change))).isEqualTo(change);
        }
    }

    @Test
    void aLineThatIsNoChangeIsRefusedWithTheLine() {
        assertThatThrownBy(() -> AlertJson.parseChange("{\"id\":\"x\",\"type\":\"NOPE\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{\"id\":\"x\"");
    }
}
