package org.hotlinepulse.dashboard;

import java.time.Duration;

/**
 * What the dashboard shows and how often it looks for changes.
 *
 * @param windowMinutes the window size of the metrics rows it reads (one of the job's
 *     {@code metrics.windows_minutes}); "current" is the newest such window, "last hour" the
 *     counts of those in the hour up to its end, summed
 * @param trendHours how many hours the trend charts cover
 * @param resolvedHours how long a resolved alert stays listed after its end (event time)
 * @param pollInterval how often the store's {@link DashboardStore#version()} is polled
 */
public record DashboardSettings(int windowMinutes, int trendHours, int resolvedHours, Duration pollInterval) {

    public static final DashboardSettings DEFAULTS = new DashboardSettings(15, 6, 12, Duration.ofSeconds(1));

    public DashboardSettings {
        if (windowMinutes <= 0 || windowMinutes > 60 || 60 % windowMinutes != 0) {
            throw new IllegalArgumentException("window minutes " + windowMinutes + " must divide an hour (1 to 60)");
        }
        if (trendHours <= 0) {
            throw new IllegalArgumentException("trend hours " + trendHours + " must be at least 1");
        }
        if (resolvedHours < 0) {
            throw new IllegalArgumentException("resolved hours " + resolvedHours + " must not be negative");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval " + pollInterval + " must be positive");
        }
    }

    public DashboardSettings withPollInterval(Duration interval) {
        return new DashboardSettings(windowMinutes, trendHours, resolvedHours, interval);
    }
}
