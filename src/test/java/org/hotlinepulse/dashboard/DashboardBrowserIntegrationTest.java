package org.hotlinepulse.dashboard;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.testing.HeadlessBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.dashboard.DashboardFixtures.CARD_LOSS;
import static org.hotlinepulse.dashboard.DashboardFixtures.MEDICAL_INSURANCE;
import static org.hotlinepulse.dashboard.DashboardFixtures.SOCIAL_SECURITY;
import static org.hotlinepulse.dashboard.DashboardFixtures.ZHONGYUAN;
import static org.hotlinepulse.dashboard.DashboardFixtures.counts;
import static org.hotlinepulse.dashboard.DashboardFixtures.departmentRow;
import static org.hotlinepulse.dashboard.DashboardFixtures.lineRow;

/**
 * The dashboard in a real headless Chromium over an in-memory store that the test feeds: the
 * table fills, an alert the test opens shows on the line status board and goes when it resolves,
 * a new window arrives without a reload, and {@code ?lang=zh} shows Chinese labels. Screenshots
 * go to target/dashboard-screenshots/.
 */
class DashboardBrowserIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final int MINUTES = 15;

    private InMemoryDashboardStore store;
    private DashboardServer server;
    private HeadlessBrowser browser;
    private Instant current;

    @BeforeEach
    void start() throws Exception {
        store = new InMemoryDashboardStore(DashboardFixtures.exampleDirectory());
        // The newest complete 15-minute window and the three before it.
        Instant now = Instant.now();
        current = now.truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofMinutes((now.atZone(java.time.ZoneOffset.UTC).getMinute() / MINUTES) * MINUTES))
                .minus(Duration.ofMinutes(MINUTES));
        for (int back = 3; back >= 0; back--) {
            Instant start = current.minus(Duration.ofMinutes((long) MINUTES * back));
            store.put(departmentRow(SOCIAL_SECURITY, start, MINUTES, counts(40, 5, 3, 2)));
            store.put(departmentRow(MEDICAL_INSURANCE, start, MINUTES, counts(10, 10, 10, 10)));
            store.put(lineRow(ZHONGYUAN, SOCIAL_SECURITY, start, MINUTES, counts(20, 2, 1, 1)));
        }
        server = DashboardServer.start(store, DashboardSettings.DEFAULTS.withPollInterval(Duration.ofMillis(200)),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, Clock.systemUTC());
        browser = HeadlessBrowser.start(1600, 1400);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void showsTheStoreLiveAndFollowsAnAlertFromOpenToResolved() throws Exception {
        browser.open(server.url());
        // 40 + 5 + 3 + 2 = 50 calls offered in the current window; 200 in the last hour.
        awaitText("tr[data-department='" + SOCIAL_SECURITY + "'] td[data-field='current-offered']", "50");
        assertThat(browser.text("tr[data-department='" + SOCIAL_SECURITY + "'] td[data-field='last-hour-offered']"))
                .isEqualTo("200");
        // answer rate 40/50 = 80.0 %, "warn" below 85 %; medical insurance 10/40 = 25.0 %, "bad"
        String answer = "tr[data-department='" + SOCIAL_SECURITY + "'] td[data-field='current-answerRate']";
        assertThat(browser.text(answer)).isEqualTo("80.0%");
        assertThat(browser.attribute(answer, "class")).isEqualTo("warn");
        assertThat(browser.attribute("tr[data-department='" + MEDICAL_INSURANCE + "'] td[data-field='current-answerRate']", "class")).isEqualTo("bad");
        assertThat(browser.text("tr[data-department='" + SOCIAL_SECURITY + "'] td.name")).isEqualTo("郑州市社会保险中心");
        // rates and offered calls, for the department and (fetched on its own) for the line
        browser.await(WAIT, d -> browser.findAll(".uplot").size() == 4);

        // Sortable: by current answer rate, ascending puts medical insurance (25 %) first.
        find("th[data-sort='current.answerRate']").click();
        assertThat(firstDepartmentRow()).isEqualTo(MEDICAL_INSURANCE);
        find("th[data-sort='current.answerRate']").click();
        assertThat(firstDepartmentRow()).isEqualTo(SOCIAL_SECURITY);

        browser.script("window.hotlinePulseSamePage = true;");
        String cardLoss = "li[data-line='" + CARD_LOSS + "']";
        assertThat(browser.attribute(cardLoss, "data-state")).isEqualTo("OK");

        Alert outOfService = DashboardFixtures.firing("ep-1", AlertType.OUT_OF_SERVICE, CARD_LOSS, SOCIAL_SECURITY,
                current.plus(Duration.ofMinutes(3)));
        store.put(outOfService);
        browser.await(WAIT, d -> "OUT_OF_SERVICE".equals(browser.attribute(cardLoss, "data-state")));
        assertThat(browser.attribute(cardLoss, "class")).contains("critical");
        assertThat(browser.text(cardLoss + " .state")).startsWith("Out of service · Since");
        // Problem lines first: the card-loss line (third in the directory) leads its department.
        assertThat(browser.attribute("div.board-department[data-department='" + SOCIAL_SECURITY + "'] li", "data-line")).isEqualTo(CARD_LOSS);
        assertThat(browser.attribute("#board div.board-department", "data-department")).isEqualTo(SOCIAL_SECURITY);
        awaitText("#open-alerts tr[data-alert='ep-1'] td:last-child", "line " + CARD_LOSS + ": OUT_OF_SERVICE");
        browser.screenshot(SCREENSHOTS.resolve("dashboard-alert-open.png"));

        // A new window lands: the table moves on without a reload.
        Instant next = current.plus(Duration.ofMinutes(MINUTES));
        store.put(departmentRow(SOCIAL_SECURITY, next, MINUTES, counts(60, 0, 0, 0)));
        awaitText("tr[data-department='" + SOCIAL_SECURITY + "'] td[data-field='current-offered']", "60");
        assertThat(browser.script("return window.hotlinePulseSamePage === true;")).isEqualTo(true);

        store.put(DashboardFixtures.resolved(outOfService, current.plus(Duration.ofMinutes(9))));
        browser.await(WAIT, d -> "OK".equals(browser.attribute(cardLoss, "data-state")));
        assertThat(browser.text(cardLoss + " .state")).isEqualTo("OK");
        assertThat(browser.findAll("#open-alerts tr[data-alert='ep-1']")).isEmpty();
        assertThat(browser.findAll("#resolved-alerts tr[data-alert='ep-1']")).hasSize(1);
        assertThat(browser.script("return window.hotlinePulseSamePage === true;")).isEqualTo(true);
        browser.screenshot(SCREENSHOTS.resolve("dashboard-en.png"));
    }

    @Test
    void showsChineseLabelsWithLangZh() throws Exception {
        browser.open(server.url().resolve("/?lang=zh"));
        awaitText("tr[data-department='" + SOCIAL_SECURITY + "'] td[data-field='current-offered']", "50");
        assertThat(browser.script("return document.documentElement.lang;")).isEqualTo("zh-CN");
        assertThat(browser.text(".departments-section h2")).isEqualTo("部门");
        assertThat(browser.text("th[data-sort='current.answerRate']")).startsWith("人工接听率");
        assertThat(browser.text(".board-section h2")).isEqualTo("线路状态");
        assertThat(browser.text("li[data-line='" + ZHONGYUAN + "'] .name")).isEqualTo("中原区社保咨询");
        assertThat(browser.text("li[data-line='" + ZHONGYUAN + "'] .state")).isEqualTo("正常");
        browser.screenshot(SCREENSHOTS.resolve("dashboard-zh.png"));
    }

    private String firstDepartmentRow() {
        return browser.attribute("#departments tbody tr", "data-department");
    }

    private WebElement find(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    private String text(String css) {
        return browser.text(css);
    }

    /** Waits until the element exists with this text; fails the test after {@link #WAIT}. */
    private void awaitText(String css, String expected) {
        browser.await(WAIT, d -> expected.equals(browser.text(css)));
    }

}
