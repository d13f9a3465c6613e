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
import java.util.List;

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
        assertThat(awaitText("tr[data-department='" + SOCIAL_SECURITY + "'] td[data-field='current-offered']", "50"))
                .isEqualTo("50");
        assertThat(text("tr[data-department='" + SOCIAL_SECURITY + "'] td[data-field='last-hour-offered']"))
                .isEqualTo("200");
        // answer rate 40/50 = 80.0 %, "warn" below 85 %; medical insurance 10/40 = 25.0 %, "bad"
        WebElement answer = find("tr[data-department='" + SOCIAL_SECURITY + "'] td[data-field='current-answerRate']");
        assertThat(answer.getText()).isEqualTo("80.0%");
        assertThat(answer.getAttribute("class")).isEqualTo("warn");
        assertThat(find("tr[data-department='" + MEDICAL_INSURANCE + "'] td[data-field='current-answerRate']")
                .getAttribute("class")).isEqualTo("bad");
        assertThat(find("tr[data-department='" + SOCIAL_SECURITY + "'] td.name").getText()).isEqualTo("郑州市社会保险中心");
        assertThat(browser.findAll(".uplot")).as("uPlot charts").hasSizeGreaterThanOrEqualTo(4);

        // Sortable: by current answer rate, ascending puts medical insurance (25 %) first.
        find("th[data-sort='current.answerRate']").click();
        assertThat(firstDepartmentRow()).isEqualTo(MEDICAL_INSURANCE);
        find("th[data-sort='current.answerRate']").click();
        assertThat(firstDepartmentRow()).isEqualTo(SOCIAL_SECURITY);

        browser.script("window.hotlinePulseSamePage = true;");
        String cardLoss = "li[data-line='" + CARD_LOSS + "']";
        assertThat(find(cardLoss).getAttribute("data-state")).isEqualTo("OK");

        Alert outOfService = DashboardFixtures.firing("ep-1", AlertType.OUT_OF_SERVICE, CARD_LOSS, SOCIAL_SECURITY,
                current.plus(Duration.ofMinutes(3)));
        store.put(outOfService);
        browser.await(WAIT, d -> "OUT_OF_SERVICE".equals(find(cardLoss).getAttribute("data-state")));
        assertThat(find(cardLoss).getAttribute("class")).contains("critical");
        assertThat(find(cardLoss + " .state").getText()).startsWith("Out of service · Since");
        // Problem lines first: the card-loss line (third in the directory) leads its department.
        assertThat(find("div.board-department[data-department='" + SOCIAL_SECURITY + "'] li")
                .getAttribute("data-line")).isEqualTo(CARD_LOSS);
        assertThat(find("#board div.board-department").getAttribute("data-department")).isEqualTo(SOCIAL_SECURITY);
        assertThat(awaitText("#open-alerts tr[data-alert='ep-1'] td:last-child", "line " + CARD_LOSS + ": OUT_OF_SERVICE"))
                .isEqualTo("line " + CARD_LOSS + ": OUT_OF_SERVICE");
        browser.screenshot(SCREENSHOTS.resolve("dashboard-alert-open.png"));

        // A new window lands: the table moves on without a reload.
        Instant next = current.plus(Duration.ofMinutes(MINUTES));
        store.put(departmentRow(SOCIAL_SECURITY, next, MINUTES, counts(60, 0, 0, 0)));
        assertThat(awaitText("tr[data-department='" + SOCIAL_SECURITY + "'] td[data-field='current-offered']", "60"))
                .isEqualTo("60");
        assertThat(browser.script("return window.hotlinePulseSamePage === true;")).isEqualTo(true);

        store.put(DashboardFixtures.resolved(outOfService, current.plus(Duration.ofMinutes(9))));
        browser.await(WAIT, d -> "OK".equals(find(cardLoss).getAttribute("data-state")));
        assertThat(find(cardLoss + " .state").getText()).isEqualTo("OK");
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
        assertThat(find(".departments-section h2").getText()).isEqualTo("部门");
        assertThat(find("th[data-sort='current.answerRate']").getText()).startsWith("人工接听率");
        assertThat(find(".board-section h2").getText()).isEqualTo("线路状态");
        assertThat(find("li[data-line='" + ZHONGYUAN + "'] .name").getText()).isEqualTo("中原区社保咨询");
        assertThat(find("li[data-line='" + ZHONGYUAN + "'] .state").getText()).isEqualTo("正常");
        browser.screenshot(SCREENSHOTS.resolve("dashboard-zh.png"));
    }

    private String firstDepartmentRow() {
        return find("#departments tbody tr").getAttribute("data-department");
    }

    private WebElement find(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    private String text(String css) {
        return find(css).getText();
    }

    /** Waits until the element exists with this text, and returns its text. */
    private String awaitText(String css, String expected) {
        return browser.await(WAIT, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && expected.equals(found.get(0).getText()) ? found.get(0).getText() : null;
        });
    }

}
