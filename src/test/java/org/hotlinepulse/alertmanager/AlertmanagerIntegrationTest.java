package org.hotlinepulse.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.testing.LocalAlertmanager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery to a real Alertmanager (resolve_timeout 2 s), checked through {@code GET /api/v2/alerts}:
 * labels and Chinese annotations arrive intact, re-sends keep a firing alert active past the
 * resolve_timeout, RESOLVED ends it, each episode is an alert of its own, and alerts survive
 * Alertmanager being down and the job restarting.
 */
class AlertmanagerIntegrationTest {

    @RegisterExtension
    @Order(1)
    static final LocalAlertmanager ALERTMANAGER = new LocalAlertmanager("2s");

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(1).build());

    private static final Duration RESEND = Duration.ofMillis(500);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));

    @BeforeEach
    void freshAlertmanager() throws Exception {
        // Alertmanager keeps alerts in memory only: a restart starts every test empty.
        ALERTMANAGER.stop();
        ALERTMANAGER.start();
    }

    @Test
    void firingStaysActiveThroughReSendsAndResolvedEndsItOneAlertPerEpisode() throws Exception {
        AlertmanagerDelivery delivery = delivery();
        Alert first = AlertFixtures.firing("ep-1", "037167890001", "2026-10-12T02:00:00Z");
        delivery.accept(first);
        delivery.deliverDue(Instant.now());

        JsonNode alert = only(ALERTMANAGER.alerts());
        assertThat(alert.path("status").path("state").asText()).isEqualTo("active");
        assertThat(textMap(alert.path("labels"))).isEqualTo(Map.of("alertname", "UNANSWERED",
                "severity", "critical", "line", "037167890001", "department", "zz-social-security",
                "mode", "QUEUE_ABANDON", "episode", "ep-1"));
        assertThat(textMap(alert.path("annotations"))).isEqualTo(Map.of(
                "summary", "037167890001 号线路无人接听 | line 037167890001 is unanswered",
                "summary_zh", "037167890001 号线路无人接听",
                "summary_en", "line 037167890001 is unanswered"));
        assertThat(Instant.parse(alert.path("startsAt").asText())).isEqualTo(Instant.parse("2026-10-12T02:00:00Z"));

        // An alert sent once, as a control: Alertmanager resolves it after its resolve_timeout.
        new AlertmanagerClient(ALERTMANAGER.url(), null, Duration.ofSeconds(2))
                .post(List.of(AlertFixtures.firing("control", "037167890009", "2026-10-12T02:00:00Z")));
        drive(delivery, Duration.ofSeconds(4));
        assertThat(ALERTMANAGER.alerts()).extracting(a -> a.path("labels").path("episode").asText())
                .containsExactly("ep-1");

        delivery.accept(AlertFixtures.resolved(first, "2026-10-12T02:40:00Z"));
        delivery.deliverDue(Instant.now());
        assertThat(ALERTMANAGER.alerts()).isEmpty();

        // A new episode on the same line after the resolve is a new alert, and the old one stays resolved.
        delivery.accept(AlertFixtures.firing("ep-2", "037167890001", "2026-10-12T03:00:00Z"));
        drive(delivery, Duration.ofSeconds(1));
        assertThat(ALERTMANAGER.alerts()).extracting(a -> a.path("labels").path("episode").asText())
                .containsExactly("ep-2");
        assertThat(delivery.state()).extracting(Alert::getId).containsExactly("ep-2");
    }

    @Test
    void changesMadeWhileAlertmanagerIsDownArriveOnceItIsBack() throws Exception {
        AlertmanagerDelivery delivery = delivery();
        Alert gone = AlertFixtures.firing("ep-gone", "037167890002", "2026-10-12T02:00:00Z");
        delivery.accept(gone);
        delivery.deliverDue(Instant.now());
        assertThat(ALERTMANAGER.alerts()).hasSize(1);

        ALERTMANAGER.stop();
        delivery.accept(AlertFixtures.resolved(gone, "2026-10-12T02:30:00Z"));
        delivery.accept(AlertFixtures.firing("ep-new", "037167890003", "2026-10-12T02:10:00Z"));
        Instant failedAt = Instant.now();
        delivery.deliverDue(failedAt);
        assertThat(delivery.nextDue()).as("a retry after the back-off").isAfter(failedAt);
        drive(delivery, Duration.ofSeconds(1)); // several failed retries, none blocking for long

        ALERTMANAGER.start();
        assertThat(until(delivery, () -> !ALERTMANAGER.alerts().isEmpty())).isTrue();
        assertThat(ALERTMANAGER.alerts()).extracting(a -> a.path("labels").path("episode").asText())
                .containsExactly("ep-new");
        assertThat(delivery.state()).extracting(Alert::getId).containsExactly("ep-new");
    }

    @Test
    void firingAlertsAndUndeliveredResolutionsSurviveARestartOfTheJob() throws Exception {
        AlertmanagerDelivery before = delivery();
        Alert resolvedWhileDown = AlertFixtures.firing("ep-r", "037167890004", "2026-10-12T02:00:00Z");
        before.accept(resolvedWhileDown);
        before.deliverDue(Instant.now());
        ALERTMANAGER.stop();
        before.accept(AlertFixtures.firing("ep-f", "037167890005", "2026-10-12T02:05:00Z"));
        before.accept(AlertFixtures.resolved(resolvedWhileDown, "2026-10-12T02:20:00Z"));
        before.deliverDue(Instant.now());
        List<Alert> checkpoint = before.state();
        assertThat(checkpoint).extracting(Alert::getId).containsExactlyInAnyOrder("ep-f", "ep-r");

        ALERTMANAGER.start();
        AlertmanagerDelivery after = delivery();
        checkpoint.forEach(after::accept);
        after.deliverDue(Instant.now());
        assertThat(ALERTMANAGER.alerts()).extracting(a -> a.path("labels").path("episode").asText())
                .containsExactly("ep-f");
        assertThat(after.state()).extracting(Alert::getId).containsExactly("ep-f");
    }

    @Test
    void theFlinkSinkDeliversWhatItIsGiven() throws Exception {
        Alert a = AlertFixtures.firing("sink-a", "037167890006", "2026-10-12T02:00:00Z");
        Alert b = AlertFixtures.firing("sink-b", "037167890007", "2026-10-12T02:01:00Z");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        AlertmanagerSink.attach(env.fromData(Alert.class, a, b, AlertFixtures.resolved(a, "2026-10-12T02:30:00Z")),
                new AlertmanagerConfig(List.of(ALERTMANAGER.url(), "http://127.0.0.1:9/"), RESEND,
                        Duration.ofSeconds(2), Duration.ofSeconds(1)),
                Map.of(AlertmanagerConfig.TOKEN_VARIABLE, "test-token"));
        env.execute("alertmanager sink test");

        assertThat(ALERTMANAGER.alerts()).extracting(x -> x.path("labels").path("episode").asText())
                .containsExactly("sink-b");
    }

    @Test
    void theFlinkSinkReSendsOnItsTimersWhileNoChangeArrives() throws Exception {
        Alert a = AlertFixtures.firing("timer-a", "037167890008", "2026-10-12T02:00:00Z");
        Alert b = AlertFixtures.firing("timer-b", "037167890009", "2026-10-12T02:01:00Z");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // The sink runs in a task of its own, so its timers fire while the upstream task holds b back.
        env.disableOperatorChaining();
        AlertmanagerSink.attach(env.fromData(Alert.class, a, b).map(alert -> {
                    if (alert.getId().equals("timer-b")) {
                        Thread.sleep(5_000);
                    }
                    return alert;
                }).returns(Alert.class).setParallelism(1),
                new AlertmanagerConfig(List.of(ALERTMANAGER.url()), RESEND, Duration.ofSeconds(2),
                        Duration.ofSeconds(1)), Map.of());
        var job = env.executeAsync("alertmanager sink timer test");

        Instant deadline = Instant.now().plusSeconds(10);
        while (ALERTMANAGER.alerts().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        Thread.sleep(3_000); // longer than resolve_timeout, no change arrives meanwhile
        assertThat(ALERTMANAGER.alerts()).extracting(x -> x.path("labels").path("episode").asText())
                .containsExactly("timer-a");
        job.getJobExecutionResult().get();
        assertThat(ALERTMANAGER.alerts()).extracting(x -> x.path("labels").path("episode").asText())
                .containsExactlyInAnyOrder("timer-a", "timer-b");
    }

    private static AlertmanagerDelivery delivery() {
        return new AlertmanagerDelivery(List.of(new AlertmanagerClient(ALERTMANAGER.url(), null,
                Duration.ofSeconds(2))), RESEND, BACKOFF);
    }

    /** Calls the delivery as the sink's timers would, for a while. */
    private static void drive(AlertmanagerDelivery delivery, Duration span) throws InterruptedException {
        Instant end = Instant.now().plus(span);
        while (Instant.now().isBefore(end)) {
            delivery.deliverDue(Instant.now());
            Thread.sleep(50);
        }
    }

    private static boolean until(AlertmanagerDelivery delivery, Callable<Boolean> condition) throws Exception {
        Instant end = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(end)) {
            delivery.deliverDue(Instant.now());
            if (condition.call()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static JsonNode only(List<JsonNode> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    private static Map<String, String> textMap(JsonNode object) {
        Map<String, String> map = new java.util.TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
