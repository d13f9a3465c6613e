package org.hotlinepulse.demo;

import org.hotlinepulse.dashboard.InMemoryDashboardStore;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The demo stores of this process, by name, for the sinks of jobs on the local cluster. */
final class DemoStores {
    private static final Map<String, InMemoryDashboardStore> STORES = new ConcurrentHashMap<>();

    private DemoStores() {}

    static String register(InMemoryDashboardStore store) {
        String name = UUID.randomUUID().toString();
        STORES.put(name, store);
        return name;
    }

    static InMemoryDashboardStore get(String name) {
        InMemoryDashboardStore store = STORES.get(name);
        if (store == null) {
            throw new IllegalStateException("no demo store " + name + " in this process");
        }
        return store;
    }

    static void remove(String name) {
        STORES.remove(name);
    }
}
