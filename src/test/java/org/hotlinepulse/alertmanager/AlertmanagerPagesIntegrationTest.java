package org.hotlinepulse.alertmanager;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.testing.AlertmanagerWebhook;
import org.hotlinepulse.testing.LocalAlertmanager;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody is paged twice across a failover: the operator is driven through checkpoints, a failure
 * and a restore as Flink does it (the restored job replays every change after the checkpoint it
 * restores from), against a real Alertmanager whose webhook receiver counts the pages per episode.
 * Each alert is a group of its own, flushed within a second; a firing alert is not re-notified for
 * an hour, so every notification counted is one a change caused.
 */
class AlertmanagerPagesIntegrationTest {
    private static final Duration PAGE_WITHIN = Duration.ofSeconds(10);
    /** Several group intervals: a second page, if any, would have been sent by then. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    @RegisterExtension
    @Order(1)
    static final AlertmanagerWebhook PAGER = new AlertmanagerWebhook();

    @RegisterExtension
    @Order(2)
    static final LocalAlertmanager ALERTMANAGER = LocalAlertmanager.paging("5m", PAGER.url());


    @Test
    void anEpisodeWhoseResolutionIsReplayedAfterAFailoverIsPagedOnceFiringAndOnceResolved() throws Exception {
        Alert firing = AlertFixtures.firing("ep-failover", "037167890001", "2026-10-12T02:00:00Z");
        Alert resolved = AlertFixtures.resolved(firing, "2026-10-12T02:20:00Z");
        OperatorSubtaskState afterFiring;
        try (RunningOperator first = RunningOperator.start(config(), null)) {
            first.completeCheckpoint(1);
            first.receive(firing);
            first.runFor(Duration.ofMillis(500));
            assertThat(ALERTMANAGER.activeEpisodes()).as("nothing before the checkpoint after it completes")
                    .doesNotContain("ep-failover");
            afterFiring = first.completeCheckpoint(2);
                assertThat(first.runUntil(() -> PAGER.pages("ep-failover", "firing") == 1, PAGE_WITHIN)).isTrue();

            first.receive(resolved);
            first.checkpoint(3); // the task fails before checkpoint 3 completes
            first.runFor(Duration.ofMillis(500));
        }
        assertThat(ALERTMANAGER.activeEpisodes()).as("the RESOLVED waited for checkpoint 3").contains("ep-failover");

        try (RunningOperator restored = RunningOperator.start(config(), afterFiring)) {
            // The job takes a while to replay its input up to the RESOLVED: meanwhile Alertmanager
            // flushes the group of whatever the restored state re-sent.
            restored.runFor(QUIET);
            restored.receive(resolved);
            restored.completeCheckpoint(3);
            assertThat(restored.runUntil(() -> PAGER.pages("ep-failover", "resolved") == 1, PAGE_WITHIN)).isTrue();
            restored.runFor(QUIET);
        }
        assertThat(PAGER.pages("ep-failover", "firing")).as("firing pages").isEqualTo(1);
        assertThat(PAGER.pages("ep-failover", "resolved")).as("resolved pages").isEqualTo(1);
        assertThat(ALERTMANAGER.activeEpisodes()).doesNotContain("ep-failover");
    }

    @Test
    void changesOfACheckpointThatCompletedUnreportedAreDeliveredOnRestoreAndPagedOnce() throws Exception {
        Alert firing = AlertFixtures.firing("ep-unreported", "037167890002", "2026-10-12T03:00:00Z");
        OperatorSubtaskState completed;
        try (RunningOperator first = RunningOperator.start(config(), null)) {
            first.receive(firing);
            completed = first.checkpoint(1); // completes, but the task fails before it is told
            first.runFor(Duration.ofMillis(500));
        }
        assertThat(PAGER.pages("ep-unreported", "firing")).isZero();

        try (RunningOperator restored = RunningOperator.start(config(), completed)) {
            // The job replays nothing from before checkpoint 1: only the restored state can page.
            assertThat(restored.runUntil(() -> PAGER.pages("ep-unreported", "firing") == 1, PAGE_WITHIN)).isTrue();
            restored.runFor(QUIET);
        }
        assertThat(PAGER.pages("ep-unreported", "firing")).isEqualTo(1);
        assertThat(ALERTMANAGER.activeEpisodes()).contains("ep-unreported");
    }

    /** Read when a test runs: the port is chosen when Alertmanager starts. */
    private static AlertmanagerConfig config() {
        return new AlertmanagerConfig(List.of(ALERTMANAGER.url()), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }
}
