package org.hotlinepulse.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A real headless Chromium for browser tests: Debian's {@code chromium} driven by Debian's
 * {@code chromedriver} through Selenium WebDriver. Both paths are given explicitly, so Selenium
 * Manager never runs and nothing is downloaded. Each browser gets a fresh profile folder, removed
 * on {@link #close()}. Install them with {@code apt-get install chromium chromium-driver}.
 */
public final class HeadlessBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts Chromium with a window of {@code width} x {@code height} CSS pixels; the test is skipped, with
     * the reason, when Chromium or chromedriver is not installed (see {@link RequiredService}).
     */
    public static HeadlessBrowser start(int width, int height) throws IOException {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            RequiredService.assumeAvailable(Files.isExecutable(binary),
                    binary + " is missing; install it with: apt-get install -y chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory("hotline-pulse-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        try {
            return new HeadlessBrowser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    /** Skips the calling test, with the reason, when Chromium or chromedriver is not installed. */
    public static void assumeInstalled() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            Assumptions.assumeTrue(Files.isExecutable(binary),
                    binary + " is not installed; install it with: apt-get install -y chromium chromium-driver");
        }
    }

    /**
     * Lays the page out as for printing on paper whose printable area is {@code width} CSS pixels
     * wide: print media emulated and the viewport that wide.
     */
    public void emulatePrint(int width, int height) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(URI url) {
        driver.get(url.toString());
    }

    /**
     * Waits up to {@code timeout} for {@code condition} to return something other than null or
     * false; an element that went stale because the page redrew it counts as not yet.
     */
    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /**
     * An attribute of the first element matching {@code cssSelector}, read in one step in the
     * page (a page that redraws itself cannot make it stale); null when nothing matches.
     */
    public String attribute(String cssSelector, String name) {
        return (String) script("const e = document.querySelector(arguments[0]); return e && e.getAttribute(arguments[1]);",
                cssSelector, name);
    }

    /** The rendered text of the first element matching {@code cssSelector}, read in one step; null when nothing matches. */
    public String text(String cssSelector) {
        return (String) script("const e = document.querySelector(arguments[0]); return e && e.innerText.trim();",
                cssSelector);
    }

    public List<WebElement> findAll(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    /** Runs a script in the page and returns its result. */
    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Saves a PNG of the window, creating the folder. */
    public Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(file, png);
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the browser profile " + root, e);
        }
    }
}
