package org.hotlinepulse.demo;

import org.hotlinepulse.testing.HeadlessBrowser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo} as a newcomer sees it, in a real headless Chromium: the department table fills,
 * each scripted fault shows on its line of the status board and goes after its repair, the page
 * updates without a reload, and {@code ?lang=zh} is in Chinese. Screenshots go to
 * target/demo-screenshots/.
 */
class DemoBrowserIntegrationTest {
    static final Path SCREENSHOTS = Path.of("target", "demo-screenshots");
    static final Duration WAIT = Duration.ofSeconds(60);
    /** The fault lines of {@link Demo#FAULTS} and the alert each must show. */
    static final Map<String, String> FAULT_LINES = new LinkedHashMap<>(Map.of(
            "037167890001", "OUT_OF_SERVICE", "037168880002", "CONSTANT_BUSY", "037112345002", "UNANSWERED",
            "037168880001", "SILENT", "037112345001", "HIGH_ABANDONMENT", "037166660001", "PROBE_FAILED"));

    @Test
    void theInjectedFaultsComeAndGoOnTheLiveDashboard() throws Exception {
        try (Demo demo = Demo.start(120, 1, "en", 0);
             HeadlessBrowser browser = HeadlessBrowser.start(1600, 1400)) {
            browser.open(demo.dashboardUrl().resolve("/?lang=en"));
            browser.await(WAIT, d -> !browser.findAll("#departments tbody tr").isEmpty()
                    && !browser.text("#departments tbody tr td[data-field='current-offered']").isEmpty());
            assertThat(browser.findAll("#departments tbody tr")).hasSize(demo.directory().departments().size());
            browser.script("window.demoSamePage = true;");
            String firstWindow = browser.text("#current-window-heading");

            Map<String, Boolean> shown = new HashMap<>();
            Map<String, Boolean> cleared = new HashMap<>();
            boolean screenshotTaken = false;
            long deadline = System.currentTimeMillis() + 150_000;
            while (cleared.size() < FAULT_LINES.size() && System.currentTimeMillis() < deadline) {
                for (Map.Entry<String, String> fault : FAULT_LINES.entrySet()) {
                    String state = browser.attribute("li[data-line='" + fault.getKey() + "']", "data-state");
                    if (state != null && List.of(state.split(" ")).contains(fault.getValue())) {
                        shown.put(fault.getKey(), true);
                    } else if ("OK".equals(state) && shown.containsKey(fault.getKey())) {
                        cleared.put(fault.getKey(), true);
                    }
                }
                if (!screenshotTaken && shown.size() >= 3) {
                    browser.screenshot(SCREENSHOTS.resolve("demo-faults-open.png"));
                    screenshotTaken = true;
                }
                Thread.sleep(250);
            }
            assertThat(shown.keySet()).as("faults seen on the board").containsExactlyInAnyOrderElementsOf(FAULT_LINES.keySet());
            assertThat(cleared.keySet()).as("faults gone after repair").containsExactlyInAnyOrderElementsOf(FAULT_LINES.keySet());
            assertThat(browser.text("#current-window-heading")).as("new windows arrived").isNotEqualTo(firstWindow);
            assertThat(browser.script("return window.demoSamePage === true;")).as("without a reload").isEqualTo(true);
            assertThat(browser.findAll("#resolved-alerts tbody tr")).hasSizeGreaterThanOrEqualTo(FAULT_LINES.size());
            browser.screenshot(SCREENSHOTS.resolve("demo-en.png"));

            browser.open(demo.dashboardUrl().resolve("/?lang=zh"));
            browser.await(WAIT, d -> "12345热线一号台".equals(browser.text("li[data-line='037112345001'] .name")));
            assertThat(browser.text(".departments-section h2")).isEqualTo("部门");
            assertThat(browser.text(".board-section h2")).isEqualTo("线路状态");
            browser.screenshot(SCREENSHOTS.resolve("demo-zh.png"));
        }
    }
}
