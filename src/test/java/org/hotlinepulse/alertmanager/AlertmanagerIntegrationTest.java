package org.hotlinepulse.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.testutils.InMemoryReporter;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Delivery to a real Alertmanager (resolve_timeout 2 s), checked through {@code GET /api/v2/alerts}:
 * labels and Chinese annotations arrive intact, re-sends keep a firing alert active past the
 * resolve_timeout, RESOLVED ends it, each episode is an alert of its own, alerts survive
 * Alertmanager being down and the job restarting, an alert Alertmanager refuses holds back no
 * other, and the heartbeat is active while the operator runs and lapses after it stops.
 */
class AlertmanagerIntegrationTest {

    @RegisterExtension
    @Order(1)
    static final LocalAlertmanager ALERTMANAGER = new LocalAlertmanager("2s");

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(1)
                    .setConfiguration(METRICS.addToConfiguration(new Configuration())).build());

    private static final Duration RESEND = Duration.ofMillis(500);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));
    /** An alert posted once, never re-sent: it lapses after Alertmanager's resolve_timeout. */
    private static final String CONTROL = "control";
    /** Generous for a busy machine (resolve_timeout is 2 s): each wait ends as soon as its condition holds. */
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

    private final List<PostableAlert> refused = new ArrayList<>();

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

        List<JsonNode> alerts = ALERTMANAGER.episodeAlerts();
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.path("status").path("state").asText()).isEqualTo("active");
        assertThat(textMap(alert.path("labels"))).isEqualTo(Map.of("alertname", "UNANSWERED",
                "severity", "critical", "line", "037167890001", "department", "zz-social-security",
                "mode", "QUEUE_ABANDON", "episode", "ep-1"));
        assertThat(textMap(alert.path("annotations"))).isEqualTo(Map.of(
                "summary", "037167890001 号线路无人接听 | line 037167890001 is unanswered",
                "summary_zh", "037167890001 号线路无人接听",
                "summary_en", "line 037167890001 is unanswered"));
        assertThat(Instant.parse(alert.path("startsAt").asText())).isEqualTo(Instant.parse("2026-10-12T02:00:00Z"));

        driveUntilAnAlertSentOnceHasLapsed(delivery);
        assertThat(ALERTMANAGER.activeEpisodes()).containsExactly("ep-1");

        delivery.accept(AlertFixtures.resolved(first, "2026-10-12T02:40:00Z"));
        delivery.deliverDue(Instant.now());
        assertThat(ALERTMANAGER.activeEpisodes()).isEmpty();

        // A new episode on the same line after the resolve is a new alert, and the old one stays resolved.
        delivery.accept(AlertFixtures.firing("ep-2", "037167890001", "2026-10-12T03:00:00Z"));
        assertThat(until(delivery, () -> ALERTMANAGER.activeEpisodes().contains("ep-2"))).isTrue();
        assertThat(ALERTMANAGER.activeEpisodes()).containsExactly("ep-2");
        assertThat(delivery.state()).extracting(Alert::getId).containsExactly("ep-2");
    }

    @Test
    void anAlertAlertmanagerRefusesIsCountedAndTheGoodOnesOfItsBatchAreActive() throws Exception {
        AlertmanagerDelivery delivery = delivery();
        delivery.accept(AlertFixtures.firing("good-1", "037167890001", "2026-10-12T02:00:00Z"));
        delivery.accept(fromTheFuture("bad"));
        delivery.accept(AlertFixtures.firing("good-2", "037167890003", "2026-10-12T02:05:00Z"));
        delivery.deliverDue(Instant.now());

        assertThat(ALERTMANAGER.activeEpisodes()).containsExactlyInAnyOrder("good-1", "good-2");
        assertThat(refused).extracting(a -> a.labels().get("episode")).containsExactly("bad");

        driveUntilAnAlertSentOnceHasLapsed(delivery); // the good ones stay, the bad one is not tried again
        assertThat(ALERTMANAGER.activeEpisodes()).containsExactlyInAnyOrder("good-1", "good-2");
        assertThat(refused).hasSize(1);
    }

    @Test
    void changesMadeWhileAlertmanagerIsDownArriveOnceItIsBack() throws Exception {
        AlertmanagerDelivery delivery = delivery();
        Alert gone = AlertFixtures.firing("ep-gone", "037167890002", "2026-10-12T02:00:00Z");
        delivery.accept(gone);
        delivery.deliverDue(Instant.now());
        assertThat(ALERTMANAGER.activeEpisodes()).hasSize(1);

        ALERTMANAGER.stop();
        delivery.accept(AlertFixtures.resolved(gone, "2026-10-12T02:30:00Z"));
        delivery.accept(AlertFixtures.firing("ep-new", "037167890003", "2026-10-12T02:10:00Z"));
        Instant failedAt = Instant.now();
        delivery.deliverDue(failedAt);
        assertThat(delivery.nextDue()).as("a retry after the back-off").isAfter(failedAt);
        for (int retry = 0; retry < 5; retry++) { // each at its due time, without waiting for it
            Instant due = delivery.nextDue();
            delivery.deliverDue(due);
            assertThat(delivery.nextDue()).as("the next retry after the back-off").isAfter(due);
        }

        ALERTMANAGER.start();
        assertThat(until(delivery, () -> !ALERTMANAGER.activeEpisodes().isEmpty())).isTrue();
        assertThat(ALERTMANAGER.activeEpisodes()).containsExactly("ep-new");
        assertThat(delivery.state()).extracting(Alert::getId).containsExactly("ep-new");
        assertThat(refused).isEmpty();
    }

    @Test
    void firingAlertsAndUndeliveredResolutionsSurviveARestartOfTheJob() throws Exception {
        Alert resolvedWhileDown = AlertFixtures.firing("ep-r", "037167890004", "2026-10-12T02:00:00Z");
        Alert firing = AlertFixtures.firing("ep-f", "037167890005", "2026-10-12T02:05:00Z");
        OperatorSubtaskState checkpoint;
        try (RunningOperator before = RunningOperator.start(config(), null)) {
            before.receive(resolvedWhileDown);
            before.completeCheckpoint(1);
            assertThat(ALERTMANAGER.activeEpisodes()).containsExactly("ep-r");
            ALERTMANAGER.stop();
            before.receive(firing);
            before.receive(AlertFixtures.resolved(resolvedWhileDown, "2026-10-12T02:20:00Z"));
            checkpoint = before.completeCheckpoint(2);
        }

        ALERTMANAGER.start();
        try (RunningOperator after = RunningOperator.start(config(), checkpoint)) {
            assertThat(after.runUntil(() -> ALERTMANAGER.activeEpisodes().contains("ep-f"), WAIT_LIMIT)).isTrue();
            assertThat(ALERTMANAGER.activeEpisodes()).containsExactly("ep-f");
        }
    }

    @Test
    void theOperatorKeepsAnAlertActiveOnItsTimersAloneAndTheHeartbeatLapsesWhenItStops() throws Exception {
        try (RunningOperator operator = RunningOperator.start(config(), null)) {
            assertThat(ALERTMANAGER.isActive(Heartbeat.NAME)).as("heartbeat from the start, nothing firing").isTrue();
            operator.receive(AlertFixtures.firing("timer-a", "037167890008", "2026-10-12T02:00:00Z"));
            operator.completeCheckpoint(1);
            postAlertOnce(); // no change arrives until it has lapsed
            assertThat(operator.runUntil(AlertmanagerIntegrationTest::alertSentOnceHasLapsed, WAIT_LIMIT)).isTrue();
            assertThat(ALERTMANAGER.activeEpisodes()).containsExactly("timer-a");
            assertThat(ALERTMANAGER.isActive(Heartbeat.NAME)).isTrue();
        }
        assertThat(eventually(() -> !ALERTMANAGER.isActive(Heartbeat.NAME), WAIT_LIMIT))
                .as("the heartbeat resolves once nobody sends it").isTrue();
    }

    @Test
    void theOperatorInAJobDeliversWhatItIsGivenOnceTheFinalCheckpointCompletesAndCountsTheRefused() throws Exception {
        Alert a = AlertFixtures.firing("sink-a", "037167890006", "2026-10-12T02:00:00Z");
        Alert b = AlertFixtures.firing("sink-b", "037167890007", "2026-10-12T02:01:00Z");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(100);
        AlertmanagerSink.attach(env.fromData(Alert.class, a, fromTheFuture("sink-bad"), b,
                        AlertFixtures.resolved(a, "2026-10-12T02:30:00Z")),
                new AlertmanagerConfig(List.of(ALERTMANAGER.url(), "http://127.0.0.1:9/"), RESEND,
                        Duration.ofSeconds(2), Duration.ofSeconds(1)),
                Map.of(AlertmanagerConfig.TOKEN_VARIABLE, "test-token"));
        JobID job = env.execute("alertmanager sink test").getJobID();

        assertThat(ALERTMANAGER.activeEpisodes()).containsExactly("sink-b");
        assertThat(METRICS.findMetrics(job, AlertmanagerOperator.REFUSED_METRIC).values())
                .singleElement().extracting(m -> ((Counter) m).getCount()).isEqualTo(1L);
    }

    @Test
    void aJobWithoutCheckpointsIsRefusedSinceItWouldNeverDeliver() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        assertThatThrownBy(() -> AlertmanagerSink.attach(env.fromData(Alert.class,
                        AlertFixtures.firing("x", "037167890006", "2026-10-12T02:00:00Z")), config(), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("runtime.checkpoint_interval");
    }

    /** A start_time in epoch microseconds read as milliseconds: the year 57749, which Alertmanager cannot parse. */
    private static Alert fromTheFuture(String id) {
        return Alert.newBuilder(AlertFixtures.firing(id, "037167890002", "2026-10-12T02:00:00Z"))
                .setStartsAt(Instant.ofEpochMilli(1_760_234_400_000_000L)).build();
    }

    private AlertmanagerDelivery delivery() {
        return new AlertmanagerDelivery(List.of(new AlertmanagerClient(ALERTMANAGER.url(), null,
                Duration.ofSeconds(2))), RESEND, BACKOFF, new Heartbeat("test", Instant.now(), RESEND), refused::add);
    }

    /**
     * Calls the delivery as the operator's timers would until an alert posted once, as a control, has
     * lapsed in Alertmanager: its resolve_timeout has passed, as Alertmanager's own clock tells.
     */
    private static void driveUntilAnAlertSentOnceHasLapsed(AlertmanagerDelivery delivery) throws Exception {
        postAlertOnce();
        assertThat(until(delivery, AlertmanagerIntegrationTest::alertSentOnceHasLapsed))
                .as("the control lapses after resolve_timeout").isTrue();
    }

    private static void postAlertOnce() throws Exception {
        new AlertmanagerClient(ALERTMANAGER.url(), null, Duration.ofSeconds(2)).post(List.of(
                AlertmanagerPayload.of(AlertFixtures.firing(CONTROL, "037167890009", "2026-10-12T02:00:00Z"))));
        assertThat(ALERTMANAGER.activeEpisodes()).contains(CONTROL);
    }

    private static boolean alertSentOnceHasLapsed() throws Exception {
        return !ALERTMANAGER.activeEpisodes().contains(CONTROL);
    }

    private static boolean until(AlertmanagerDelivery delivery, Callable<Boolean> condition) throws Exception {
        return eventually(() -> {
            delivery.deliverDue(Instant.now());
            return condition.call();
        }, WAIT_LIMIT);
    }

    private static boolean eventually(Callable<Boolean> condition, Duration limit) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static Map<String, String> textMap(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** Read when a test runs: the port is chosen when Alertmanager starts. */
    private static AlertmanagerConfig config() {
        return new AlertmanagerConfig(List.of(ALERTMANAGER.url()), RESEND, Duration.ofSeconds(2), Duration.ofSeconds(1));
    }
}
