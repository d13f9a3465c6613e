package org.hotlinepulse.assessment;

import org.hotlinepulse.testing.HeadlessBrowser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report laid out for print in a real headless Chromium: nothing, no table and no chart, is
 * wider than the printable width of an A4 page with the margins of the report's {@code @page} rule.
 */
class AssessmentPrintBrowserIntegrationTest {
    /** A4 (210 mm) less 2 × 12 mm of margin, in CSS pixels (96 per inch), rounded down. */
    static final int PRINTABLE_WIDTH = (int) Math.floor((210 - 2 * 12) / 25.4 * 96);
    private static final int PRINTABLE_HEIGHT = (int) Math.floor((297 - 2 * 14) / 25.4 * 96);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ReportLanguage.class)
    void everyTableAndChartFitsTheWidthOfAnA4Page(ReportLanguage lang) throws Exception {
        HeadlessBrowser.assumeInstalled();
        MonthlyAssessment assessment = MonthlyAssessor.assess(new AssessmentScenario().source(),
                AssessmentScenario.MONTH, Instant.parse("2026-11-02T00:00:00Z"));
        Path html = dir.resolve("assessment.html");
        AssessmentHtml.write(assessment, lang, html);
        try (HeadlessBrowser browser = HeadlessBrowser.start(PRINTABLE_WIDTH, PRINTABLE_HEIGHT)) {
            browser.open(html.toUri());
            browser.emulatePrint(PRINTABLE_WIDTH, PRINTABLE_HEIGHT);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> boxes = (List<Map<String, Object>>) browser.script(
                    "return Array.from(document.querySelectorAll('table, .chart canvas, .timeline')).map(e => ({"
                            + " what: e.tagName + (e.id ? '#' + e.id : '') + ' ' + e.className,"
                            + " right: Math.ceil(e.getBoundingClientRect().right), scroll: e.scrollWidth }));");
            assertThat(boxes).as("ranking, a table of all figures, a chart and a timeline per department")
                    .hasSizeGreaterThanOrEqualTo(1 + 1 + 3 + 3);
            for (Map<String, Object> box : boxes) {
                assertThat(((Number) box.get("right")).intValue()).as("right edge of %s", box.get("what"))
                        .isLessThanOrEqualTo(PRINTABLE_WIDTH);
                assertThat(((Number) box.get("scroll")).intValue()).as("scroll width of %s", box.get("what"))
                        .isLessThanOrEqualTo(PRINTABLE_WIDTH);
            }
            assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                    .as("the page").isLessThanOrEqualTo(PRINTABLE_WIDTH);
        }
    }
}
