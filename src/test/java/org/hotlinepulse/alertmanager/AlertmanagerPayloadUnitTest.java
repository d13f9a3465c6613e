package org.hotlinepulse.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertmanagerPayloadUnitTest {

    @Test
    void firingHasNoEndResolvedHasItsEndAndBothCarryLabelsAndBothLanguages() throws Exception {
        Alert firing = AlertFixtures.firing("ep-1", "037167890001", "2026-10-12T02:00:00Z");
        JsonNode body = new ObjectMapper().readTree(AlertmanagerPayload.json(List.of(AlertmanagerPayload.of(firing),
                AlertmanagerPayload.of(AlertFixtures.resolved(firing, "2026-10-12T02:40:00Z")))));

        assertThat(body).hasSize(2);
        assertThat(body.get(0).toString()).isEqualTo("{\"labels\":{\"alertname\":\"UNANSWERED\","
                + "\"department\":\"zz-social-security\",\"episode\":\"ep-1\",\"line\":\"037167890001\","
                + "\"mode\":\"QUEUE_ABANDON\",\"severity\":\"critical\"},\"annotations\":{"
                + "\"summary\":\"037167890001 号线路无人接听 | line 037167890001 is unanswered\","
                + "\"summary_en\":\"line 037167890001 is unanswered\",\"summary_zh\":\"037167890001 号线路无人接听\"},"
                + "\"startsAt\":\"2026-10-12T02:00:00Z\"}");
        assertThat(body.get(1).path("endsAt").asText()).isEqualTo("2026-10-12T02:40:00Z");
    }

    @Test
    void aFeedAlertHasNoLineOrDepartmentLabelAndOddLabelNamesAreMadeValid() {
        Alert stale = Alert.newBuilder(AlertFixtures.firing("ep-3", null, "2026-10-12T04:00:00Z"))
                .setType(AlertType.FEED_STALE).setSeverity(Severity.critical).setDepartment(null)
                .setLabels(Map.of("source", "pbx-east", "pbx.zone", "一区")).build();
        assertThat(AlertmanagerPayload.labels(stale)).isEqualTo(Map.of("alertname", "FEED_STALE",
                "severity", "critical", "source", "pbx-east", "pbx_zone", "一区", "episode", "ep-3"));
    }
}
