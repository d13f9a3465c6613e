package org.hotlinepulse.demo;

import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.avro.Alert;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class AlertConsoleLineUnitTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aFiringChangeShowsItsStartInTheDirectoryZoneAndOneLanguage() {
        Alert firing = AlertFixtures.firing("ep-1", "037167890001", "2026-10-12T02:00:00Z");
        String english = new AlertConsoleLine(SHANGHAI, "en").format(firing);
        assertThat(english).startsWith("Mon 10:00  FIRING   ").contains("037167890001")
                .doesNotContain(" | ").endsWith(firing.getSummary().split(" \\| ", 2)[1]);
        assertThat(new AlertConsoleLine(SHANGHAI, "zh").format(firing))
                .endsWith(firing.getSummary().split(" \\| ", 2)[0]);
    }

    @Test
    void aResolvedChangeShowsItsEnd() {
        Alert firing = AlertFixtures.firing("ep-1", "037167890001", "2026-10-12T02:00:00Z");
        Alert resolved = AlertFixtures.resolved(firing, "2026-10-12T02:45:00Z");
        assertThat(new AlertConsoleLine(SHANGHAI, "en").format(resolved)).startsWith("Mon 10:45  RESOLVED ");
    }
}
