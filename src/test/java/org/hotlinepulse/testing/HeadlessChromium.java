package org.hotlinepulse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, for tests of generated pages: a screenshot and the DOM after the
 * page's scripts ran. Each call starts a fresh browser with its own profile folder; nothing is
 * downloaded. Tests are skipped, with the reason, when {@code chromium} is not installed (see
 * {@link RequiredService}).
 */
public final class HeadlessChromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {}

    public static void assumeInstalled() {
        RequiredService.assumeAvailable(Files.isExecutable(BINARY),
                "chromium is not installed; install it with: apt-get install -y chromium chromium-driver");
    }

    /** Renders {@code page} at 1400×2000 into {@code png}. */
    public static void screenshot(Path page, Path png, Path workDir) throws IOException, InterruptedException {
        run(workDir, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1400,2000",
                page.toAbsolutePath().toUri().toString()));
    }

    /** The page's DOM once loaded and its scripts have run. */
    public static String dumpDom(Path page, Path workDir) throws IOException, InterruptedException {
        return run(workDir, List.of("--dump-dom", "--virtual-time-budget=5000", page.toAbsolutePath().toUri().toString()));
    }

    private static String run(Path workDir, List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path stdout = workDir.resolve(profile.getFileName() + ".out");
        Path stderr = workDir.resolve(profile.getFileName() + ".err");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(args);
        Process chromium = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new IOException("chromium did not finish within 120 s: " + command);
        }
        if (chromium.exitValue() != 0) {
            throw new IOException("chromium exited " + chromium.exitValue() + ": " + Files.readString(stderr));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
