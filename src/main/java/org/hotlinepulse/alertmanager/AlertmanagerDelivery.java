package org.hotlinepulse.alertmanager;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the job has told, and still has to tell, each Alertmanager instance. It keeps the firing
 * alerts and the resolutions not yet accepted by every instance; an instance is sent all firing
 * alerts plus its pending resolutions whenever something changed and at least every resend
 * interval (re-sends are idempotent: Alertmanager identifies an alert by its labelset). A failed
 * request is retried after a capped exponential back-off, per instance; nothing is dropped but a
 * body an instance rejects as invalid. Not thread-safe: one caller drives it.
 */
public final class AlertmanagerDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerDelivery.class);

    private final Duration resendInterval;
    private final Backoff backoff;
    private final List<Target> targets = new ArrayList<>();
    private final Map<String, Alert> firing = new LinkedHashMap<>();
    private final Map<String, Alert> resolving = new LinkedHashMap<>();

    public AlertmanagerDelivery(List<AlertmanagerClient> clients, Duration resendInterval, Backoff backoff) {
        this.resendInterval = resendInterval;
        this.backoff = backoff;
        for (AlertmanagerClient client : clients) {
            targets.add(new Target(client));
        }
    }

    /** Takes a state change (or a saved one on restore); it goes out at the next {@link #deliverDue}. */
    public void accept(Alert change) {
        String id = change.getId();
        if (change.getState() == AlertState.FIRING) {
            if (resolving.containsKey(id)) {
                return; // a FIRING replayed after its RESOLVED must not reopen the episode
            }
            firing.put(id, change);
        } else {
            firing.remove(id);
            resolving.put(id, change);
            targets.forEach(t -> t.resolvedPending.add(id));
        }
        targets.forEach(t -> t.changed = true);
    }

    /** Sends to every instance for which something is due at {@code now}; each request is bounded by the client's timeout. */
    public void deliverDue(Instant now) {
        for (Target target : targets) {
            Instant due = target.dueAt();
            if (due != null && !due.isAfter(now)) {
                send(target, now);
            }
        }
        resolving.keySet().removeIf(id -> targets.stream().noneMatch(t -> t.resolvedPending.contains(id)));
    }

    /** When {@link #deliverDue} next has something to do; null when nothing is pending or firing. */
    public Instant nextDue() {
        Instant next = null;
        for (Target target : targets) {
            Instant due = target.dueAt();
            if (due != null && (next == null || due.isBefore(next))) {
                next = due;
            }
        }
        return next;
    }

    /** The firing alerts and the resolutions not yet delivered everywhere: what a restart must not lose. */
    public List<Alert> state() {
        List<Alert> state = new ArrayList<>(firing.values());
        state.addAll(resolving.values());
        return state;
    }

    /** The ids of the alerts firing now. */
    public Set<String> firingIds() {
        return Set.copyOf(firing.keySet());
    }

    private void send(Target target, Instant now) {
        List<Alert> batch = new ArrayList<>(firing.values());
        for (String id : target.resolvedPending) {
            batch.add(resolving.get(id));
        }
        if (batch.isEmpty()) {
            target.changed = false;
            return;
        }
        try {
            target.client.post(batch);
            target.delivered(now);
        } catch (AlertmanagerException e) {
            if (!e.retryable()) {
                LOG.error("Alertmanager refused {} alerts as invalid, not sending them again: {}",
                        batch.size(), e.getMessage());
                target.delivered(now);
                return;
            }
            target.failures++;
            Duration pause = backoff.after(target.failures);
            target.nextAttempt = now.plus(pause);
            LOG.warn("Alertmanager unreachable ({} failures in a row), {} alerts kept, next try in {}: {}",
                    target.failures, batch.size(), pause, e.getMessage());
        }
    }

    /** One Alertmanager instance and how far it is behind. */
    private final class Target {
        final AlertmanagerClient client;
        final Set<String> resolvedPending = new HashSet<>();
        boolean changed;
        int failures;
        Instant nextAttempt = Instant.EPOCH;
        Instant lastSent = Instant.EPOCH;

        Target(AlertmanagerClient client) {
            this.client = client;
        }

        Instant dueAt() {
            if (changed) {
                return nextAttempt;
            }
            if (firing.isEmpty()) {
                return null;
            }
            Instant resend = lastSent.plus(resendInterval);
            return resend.isAfter(nextAttempt) ? resend : nextAttempt;
        }

        void delivered(Instant now) {
            changed = false;
            resolvedPending.clear();
            failures = 0;
            nextAttempt = now;
            lastSent = now;
        }
    }
}
