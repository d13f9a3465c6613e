package org.hotlinepulse.alertmanager;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The always-firing {@value #NAME} alert (the {@code Watchdog} convention): sent with every
 * request while the job runs, each time with an {@code endsAt} two re-send intervals ahead, so that
 * Alertmanager resolves it soon after the job stops sending and a dead-man's switch can page.
 * It is not an episode: it never reaches Kafka or PostgreSQL.
 */
public final class Heartbeat {
    /** The {@code alertname} label. */
    public static final String NAME = "HotlinePulseHeartbeat";

    private final Map<String, String> labels;
    private final Instant startsAt;
    private final Duration validity;

    /**
     * @param job            the {@code job} label: which job is alive (the Flink job name)
     * @param startsAt       when this job started sending it
     * @param resendInterval how often it is sent again; one late re-send does not let it lapse
     */
    public Heartbeat(String job, Instant startsAt, Duration resendInterval) {
        this.labels = Map.of("alertname", NAME, "severity", "none", "job", job);
        this.startsAt = startsAt;
        this.validity = resendInterval.multipliedBy(2);
    }

    /** The heartbeat as sent at {@code now}. */
    public PostableAlert at(Instant now) {
        return new PostableAlert(labels, Map.of("summary",
                "hotline-pulse 作业运行中 | the hotline-pulse job " + labels.get("job") + " is running"),
                startsAt, now.plus(validity));
    }
}
