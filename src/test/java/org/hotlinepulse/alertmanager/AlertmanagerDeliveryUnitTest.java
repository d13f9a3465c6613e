package org.hotlinepulse.alertmanager;

import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.avro.Alert;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery against a scripted Alertmanager, on an injected clock. */
class AlertmanagerDeliveryUnitTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration RESEND = Duration.ofSeconds(60);

    private final ScriptedAlertmanager alertmanager = new ScriptedAlertmanager();
    private final List<PostableAlert> refused = new ArrayList<>();
    private final AlertmanagerDelivery delivery = new AlertmanagerDelivery(List.of(alertmanager), RESEND,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), new Heartbeat("hotline-metrics", T0, RESEND),
            refused::add);

    @Test
    void anAlertRefusedAsInvalidIsLeftOutCountedAndNeverHoldsBackTheOthers() {
        Alert good1 = AlertFixtures.firing("good-1", "037167890001", "2026-10-12T02:00:00Z");
        Alert bad = AlertFixtures.firing("bad", "037167890002", "2026-10-12T02:01:00Z");
        Alert good2 = AlertFixtures.firing("good-2", "037167890003", "2026-10-12T02:02:00Z");
        alertmanager.invalidEpisode = "bad";
        delivery.accept(good1);
        delivery.accept(bad);
        delivery.accept(good2);

        delivery.deliverDue(T0);
        assertThat(alertmanager.accepted).containsExactly(Heartbeat.NAME, "good-1", "good-2");
        assertThat(refused).extracting(a -> a.labels().get("episode")).containsExactly("bad");

        alertmanager.reset();
        delivery.deliverDue(T0.plus(RESEND));
        assertThat(alertmanager.requests).as("the re-send is one request without the refused alert").hasSize(1);
        assertThat(alertmanager.accepted).containsExactly(Heartbeat.NAME, "good-1", "good-2");
        assertThat(refused).hasSize(1);
    }

    @Test
    void aResolutionRefusedAsInvalidIsCountedAndNotSentAgain() {
        Alert bad = AlertFixtures.firing("bad", "037167890002", "2026-10-12T02:01:00Z");
        alertmanager.invalidEpisode = "bad";
        delivery.accept(bad);
        delivery.deliverDue(T0);
        delivery.accept(AlertFixtures.resolved(bad, "2026-10-12T02:30:00Z"));
        delivery.deliverDue(T0.plusSeconds(1));

        assertThat(refused).extracting(a -> a.endsAt() != null).containsExactly(false, true);
        assertThat(delivery.state()).isEmpty();
        alertmanager.reset();
        delivery.deliverDue(T0.plus(RESEND).plusSeconds(1));
        assertThat(alertmanager.accepted).containsExactly(Heartbeat.NAME);
    }

    @Test
    void aTransientFailureWhileSendingOneByOneBacksOffWithoutCountingARefusalTwice() {
        Alert good = AlertFixtures.firing("good", "037167890001", "2026-10-12T02:00:00Z");
        Alert bad = AlertFixtures.firing("bad", "037167890002", "2026-10-12T02:01:00Z");
        alertmanager.invalidEpisode = "bad";
        delivery.accept(good);
        delivery.accept(bad);
        delivery.deliverDue(T0);
        delivery.accept(AlertFixtures.resolved(bad, "2026-10-12T02:30:00Z"));
        delivery.accept(AlertFixtures.resolved(good, "2026-10-12T02:30:00Z"));
        alertmanager.requestsBeforeDown = 3; // the batch, the heartbeat, the bad resolution; then down
        delivery.deliverDue(T0.plusSeconds(1));
        assertThat(refused).hasSize(2);
        assertThat(delivery.nextDue()).as("back-off").isEqualTo(T0.plusSeconds(2));

        alertmanager.requestsBeforeDown = Integer.MAX_VALUE;
        alertmanager.reset();
        delivery.deliverDue(T0.plusSeconds(2));
        assertThat(alertmanager.requests).hasSize(1);
        assertThat(alertmanager.accepted).containsExactly(Heartbeat.NAME, "good");
        assertThat(refused).hasSize(2);
        assertThat(delivery.state()).isEmpty();
    }

    @Test
    void aTransientFailureKeepsEverythingAndIsRetriedAfterTheBackoff() {
        delivery.accept(AlertFixtures.firing("ep-1", "037167890001", "2026-10-12T02:00:00Z"));
        alertmanager.down = true;
        delivery.deliverDue(T0);
        assertThat(delivery.nextDue()).isEqualTo(T0.plusSeconds(1));
        delivery.deliverDue(T0.plusSeconds(1));
        assertThat(delivery.nextDue()).isEqualTo(T0.plusSeconds(3));
        assertThat(refused).isEmpty();

        alertmanager.down = false;
        delivery.deliverDue(T0.plusSeconds(3));
        assertThat(alertmanager.accepted).containsExactly(Heartbeat.NAME, "ep-1");
        assertThat(delivery.nextDue()).isEqualTo(T0.plusSeconds(3).plus(RESEND));
    }

    @Test
    void theHeartbeatIsSentWithNothingFiringAndOutlivesTheNextReSend() {
        delivery.deliverDue(T0);
        PostableAlert first = alertmanager.requests.get(0).get(0);
        assertThat(first.labels()).containsEntry("alertname", Heartbeat.NAME).containsEntry("severity", "none")
                .containsEntry("job", "hotline-metrics");
        assertThat(first.startsAt()).isEqualTo(T0);
        assertThat(first.endsAt()).isEqualTo(T0.plus(RESEND.multipliedBy(2)));
        assertThat(delivery.nextDue()).isEqualTo(T0.plus(RESEND));

        delivery.deliverDue(T0.plus(RESEND).minusMillis(1));
        assertThat(alertmanager.requests).as("nothing due before the re-send").hasSize(1);
        delivery.deliverDue(T0.plus(RESEND));
        PostableAlert second = alertmanager.requests.get(1).get(0);
        assertThat(second.startsAt()).isEqualTo(T0);
        assertThat(second.endsAt()).isEqualTo(T0.plus(RESEND.multipliedBy(3)));
    }

    /** Accepts or refuses requests as Alertmanager 0.25 does: a body with one invalid alert is refused whole. */
    private static final class ScriptedAlertmanager implements AlertmanagerInstance {
        final List<List<PostableAlert>> requests = new ArrayList<>();
        final List<String> accepted = new ArrayList<>();
        String invalidEpisode;
        boolean down;
        int requestsBeforeDown = Integer.MAX_VALUE;

        @Override
        public void post(Collection<PostableAlert> alerts) throws AlertmanagerException {
            if (down || requestsBeforeDown-- <= 0) {
                throw new AlertmanagerException("http://am: connection refused", true, null);
            }
            requests.add(List.copyOf(alerts));
            if (alerts.stream().anyMatch(a -> a.labels().getOrDefault("episode", "").equals(invalidEpisode))) {
                throw new AlertmanagerException("http://am: HTTP 400: parsing time failed", false, null);
            }
            alerts.forEach(a -> accepted.add(a.labels().getOrDefault("episode", a.labels().get("alertname"))));
        }

        void reset() {
            requests.clear();
            accepted.clear();
        }
    }
}
