package org.hotlinepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotlinepulse.avro.Outcome.ANSWERED;
import static org.hotlinepulse.avro.Outcome.BUSY;
import static org.hotlinepulse.avro.Outcome.FAILED;
import static org.hotlinepulse.avro.Outcome.NO_ANSWER;

import java.util.Map;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.directory.ThresholdKey;
import org.junit.jupiter.api.Test;

class AlertSummariesUnitTest {

    @Test
    void constantBusyNamesDepartmentLineTimeAndEvidenceInBothLanguages() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        s.calls("2026-10-12T09:00", 3, ANSWERED);
        s.calls("2026-10-12T09:03", 12, BUSY);
        String[] text = AlertText.split(s.alerts.get(0).getSummary());
        assertThat(text[0]).isEqualTo("郑州市社会保险中心 中原区社保咨询（037167890001） 持续忙线：15 分钟内 15 次呼叫中 12 次忙音，自 2026-10-12 09:14 起");
        assertThat(text[1]).isEqualTo("郑州市社会保险中心 / 中原区社保咨询 (037167890001) constantly busy: 12 of 15 attempts busy in 15 min, since 2026-10-12 09:14 Asia/Shanghai");
    }

    @Test
    void outOfServiceAndUnansweredEvidence() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        s.calls("2026-10-12T09:00", 3, FAILED);
        assertThat(AlertText.split(s.alerts.get(0).getSummary())[1]).contains("out of service: 3 of 3 attempts failed in 10 min, none connected");
        assertThat(AlertText.split(s.alerts.get(0).getSummary())[0]).contains("无法接通：10 分钟内 3 次呼叫中 3 次失败，无一接通");
        s.calls("2026-10-12T09:10", 5, NO_ANSWER);
        Alert unanswered = s.alerts.get(s.alerts.size() - 1);
        assertThat(unanswered.getType()).isEqualTo(AlertType.UNANSWERED);
        assertThat(AlertText.split(unanswered.getSummary())[0]).contains("无人接听（振铃无人接）：20 分钟内 5 次接通的呼叫无一人工接听");
    }

    @Test
    void resolvedSaysWhenItRecoveredInBothLanguages() {
        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        s.calls("2026-10-12T09:00", 5, NO_ANSWER);
        Alert resolved = s.call("2026-10-12T10:07", ANSWERED).get(0);
        String[] text = AlertText.split(resolved.getSummary());
        assertThat(text[0]).isEqualTo("已恢复：郑州市社会保险中心 中原区社保咨询（037167890001） 无人接听（自 2026-10-12 09:04 起），2026-10-12 10:07 再次有人接听");
        assertThat(text[1]).isEqualTo("Resolved: 郑州市社会保险中心 / 中原区社保咨询 (037167890001) unanswered (since 2026-10-12 09:04), answered again at 2026-10-12 10:07");
    }

    @Test
    void idIsAStableHashOfTypeKeyAndStart() {
        String id = EpisodeAlerts.id(AlertType.SILENT, "037167890001", 1_791_000_000_000L);
        assertThat(id).matches("[0-9a-f]{32}")
                .isEqualTo(EpisodeAlerts.id(AlertType.SILENT, "037167890001", 1_791_000_000_000L))
                .isNotEqualTo(EpisodeAlerts.id(AlertType.SILENT, "037167890001", 1_791_000_000_001L))
                .isNotEqualTo(EpisodeAlerts.id(AlertType.UNANSWERED, "037167890001", 1_791_000_000_000L))
                .isNotEqualTo(EpisodeAlerts.id(AlertType.SILENT, "037167890002", 1_791_000_000_000L));
        // SHA-256("SILENT|037167890001|1791000000000"), first 16 bytes
        assertThat(id).isEqualTo(sha256Prefix("SILENT|037167890001|1791000000000"));
    }

    private static String sha256Prefix(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void thresholdsMergeDefaultsJobAndLine() {
        AlertThresholds job = new AlertThresholds(Map.of(ThresholdKey.CONSTANT_BUSY_SHARE, 0.9,
                ThresholdKey.SILENT_MIN_MINUTES, 30.0), 5, 30, 12);
        assertThat(AlertThresholds.defaults().get(ThresholdKey.CONSTANT_BUSY_SHARE)).isEqualTo(0.8);
        assertThat(job.get(ThresholdKey.CONSTANT_BUSY_SHARE)).isEqualTo(0.9);
        assertThat(job.unknownLineAttempts()).isEqualTo(5);
        AlertScenario s = new AlertScenario(AlertScenario.OVERRIDE);
        AlertThresholds line = job.forLine(s.directory.line(AlertScenario.OVERRIDE));
        assertThat(line.get(ThresholdKey.CONSTANT_BUSY_SHARE)).isEqualTo(0.6);
        assertThat(line.get(ThresholdKey.SILENT_MIN_MINUTES)).isEqualTo(30.0);
        assertThat(line.unknownLineQuietHours()).isEqualTo(12);
        assertThat(job.forLine(null)).isSameAs(job);
        assertThatThrownBy(() -> new AlertThresholds(Map.of(ThresholdKey.CONSTANT_BUSY_SHARE, 1.5), 3, 60, 24))
                .hasMessageContaining("constant_busy_share");
    }
}
