package org.hotlinepulse.alertmanager;

import java.util.Collection;

/** One Alertmanager instance that alerts are posted to: {@link AlertmanagerClient}, or a fake in tests. */
public interface AlertmanagerInstance {

    /**
     * Sends the alerts; returns once the instance has accepted them.
     *
     * @throws AlertmanagerException when it cannot be reached or does not accept them
     */
    void post(Collection<PostableAlert> alerts) throws AlertmanagerException;
}
