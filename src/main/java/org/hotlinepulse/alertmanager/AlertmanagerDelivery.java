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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the job has told, and still has to tell, each Alertmanager instance. It keeps the firing
 * alerts and the resolutions not yet accepted by every instance; an instance is sent the
 * {@link Heartbeat}, all firing alerts and its pending resolutions whenever something changed and
 * at least every resend interval (re-sends are idempotent: Alertmanager identifies an alert by its
 * labelset). A failed request is retried after a capped exponential back-off, per instance. A
 * request an instance refuses as invalid (400, 422) is sent again alert by alert, so that one bad
 * alert never holds back the others; the alerts refused on their own are logged, handed to the
 * refusal listener and not sent to that instance again. Not thread-safe: one caller drives it.
 */
public final class AlertmanagerDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerDelivery.class);

    private final Duration resendInterval;
    private final Backoff backoff;
    private final Heartbeat heartbeat;
    private final Consumer<PostableAlert> onRefused;
    private final List<Target> targets = new ArrayList<>();
    private final Map<String, Alert> firing = new LinkedHashMap<>();
    private final Map<String, Alert> resolving = new LinkedHashMap<>();

    /**
     * @param instances at least one
     * @param onRefused told of every alert an instance refused as invalid, once per instance and change
     */
    public AlertmanagerDelivery(List<? extends AlertmanagerInstance> instances, Duration resendInterval,
                                Backoff backoff, Heartbeat heartbeat, Consumer<PostableAlert> onRefused) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no Alertmanager instance to deliver to");
        }
        this.resendInterval = resendInterval;
        this.backoff = backoff;
        this.heartbeat = heartbeat;
        this.onRefused = onRefused;
        for (AlertmanagerInstance instance : instances) {
            targets.add(new Target(instance));
        }
    }

    /** Takes a state change to deliver (or a saved one on restore); it goes out at the next {@link #deliverDue}. */
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
            if (!target.dueAt().isAfter(now)) {
                send(target, now);
            }
        }
        resolving.keySet().removeIf(id -> targets.stream().noneMatch(t -> t.resolvedPending.contains(id)));
        targets.forEach(t -> t.refused.retainAll(firing.keySet()));
    }

    /** When {@link #deliverDue} next has something to do: there is always the heartbeat to re-send. */
    public Instant nextDue() {
        return targets.stream().map(Target::dueAt).min(Instant::compareTo).orElseThrow();
    }

    /** The firing alerts and the resolutions not yet delivered everywhere: what a restart must not lose. */
    public List<Alert> state() {
        List<Alert> state = new ArrayList<>(firing.values());
        state.addAll(resolving.values());
        return state;
    }

    private void send(Target target, Instant now) {
        List<Entry> batch = batch(target, now);
        try {
            target.instance.post(batch.stream().map(Entry::alert).toList());
            target.delivered(now);
        } catch (AlertmanagerException e) {
            if (e.retryable()) {
                target.failed(now, batch.size(), e);
            } else {
                LOG.warn("Alertmanager refused a request of {} alerts as invalid, sending them one by one so that"
                        + " only the invalid ones are left out: {}", batch.size(), e.getMessage());
                sendOneByOne(target, batch, now);
            }
        }
    }

    private void sendOneByOne(Target target, List<Entry> batch, Instant now) {
        for (Entry entry : batch) {
            try {
                target.instance.post(List.of(entry.alert()));
            } catch (AlertmanagerException e) {
                if (e.retryable()) {
                    target.failed(now, batch.size(), e);
                    return;
                }
                refused(target, entry, e);
            }
        }
        target.delivered(now);
    }

    private void refused(Target target, Entry entry, AlertmanagerException e) {
        LOG.error("Alertmanager refused alert {} as invalid; it is not sent to this instance again"
                + " (metric alertmanagerRefused). Answer: {}", entry.alert().describe(), e.getMessage());
        // A refused resolution is done with; a refused firing alert is left out of the re-sends.
        if (entry.id() != null && !target.resolvedPending.remove(entry.id())) {
            target.refused.add(entry.id());
        }
        onRefused.accept(entry.alert());
    }

    private List<Entry> batch(Target target, Instant now) {
        List<Entry> batch = new ArrayList<>();
        batch.add(new Entry(null, heartbeat.at(now)));
        firing.forEach((id, alert) -> {
            if (!target.refused.contains(id)) {
                batch.add(new Entry(id, AlertmanagerPayload.of(alert)));
            }
        });
        target.resolvedPending.forEach(id -> batch.add(new Entry(id, AlertmanagerPayload.of(resolving.get(id)))));
        return batch;
    }

    /** An alert of a request and the episode it belongs to (null: the heartbeat). */
    private record Entry(String id, PostableAlert alert) {}

    /** One Alertmanager instance and how far it is behind. */
    private final class Target {
        final AlertmanagerInstance instance;
        final Set<String> resolvedPending = new LinkedHashSet<>();
        final Set<String> refused = new HashSet<>();
        boolean changed;
        int failures;
        Instant nextAttempt = Instant.EPOCH;
        Instant lastSent = Instant.EPOCH;

        Target(AlertmanagerInstance instance) {
            this.instance = instance;
        }

        Instant dueAt() {
            if (changed) {
                return nextAttempt;
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

        void failed(Instant now, int alerts, AlertmanagerException e) {
            failures++;
            Duration pause = backoff.after(failures);
            nextAttempt = now.plus(pause);
            LOG.warn("Alertmanager unreachable ({} failures in a row), {} alerts kept, next try in {}: {}",
                    failures, alerts, pause, e.getMessage());
        }
    }
}
