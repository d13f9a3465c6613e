package org.hotlinepulse.assessment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prints an HTML file to PDF with Debian's headless Chromium, the page size and margins taken from
 * the page's own print stylesheet. Each run gets a fresh profile folder, removed afterwards.
 */
public final class ChromiumPdf {
    /** Where Debian's {@code chromium} package installs the browser. */
    public static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final int STDERR_TAIL_LINES = 15;

    private final Path chromium;
    private final Duration timeout;

    public ChromiumPdf(Path chromium, Duration timeout) {
        this.chromium = chromium;
        this.timeout = timeout;
    }

    /** Debian's Chromium, waited for at most two minutes. */
    public static ChromiumPdf debian() {
        return new ChromiumPdf(DEBIAN_CHROMIUM, DEFAULT_TIMEOUT);
    }

    /**
     * Writes {@code html} as {@code pdf}.
     *
     * @throws PdfException when Chromium is missing, does not finish in time, or exits without a PDF
     */
    public void print(Path html, Path pdf) throws PdfException, IOException {
        if (!Files.isExecutable(chromium)) {
            throw new PdfException(chromium + " is missing; install Chromium and a CJK font with: "
                    + "apt-get install -y chromium fonts-wqy-microhei");
        }
        Path profile = Files.createTempDirectory("hotline-pulse-pdf-");
        try {
            Path stderr = profile.resolve("stderr.txt");
            Files.deleteIfExists(pdf);
            Process process = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--disable-sync", "--user-data-dir=" + profile.resolve("profile"), "--no-pdf-header-footer",
                    "--print-to-pdf=" + pdf.toAbsolutePath(), html.toAbsolutePath().toUri().toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new PdfException(chromium + " did not finish printing " + html + " within " + timeout.toSeconds()
                        + " s and was stopped");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
                throw new PdfException(chromium + " exited " + process.exitValue() + " without writing " + pdf
                        + "; its last output:\n" + tail(stderr));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PdfException("interrupted while " + chromium + " printed " + html);
        } finally {
            deleteTree(profile);
        }
    }

    /** Chromium starts helper processes of its own: stop them too. */
    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static String tail(Path stderr) throws IOException {
        List<String> lines = new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size()));
    }

    /** Best effort: a helper process that is still exiting may hold files, and a left-over temp folder is harmless. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left for the system's temp cleaning.
        }
    }

    /** Chromium could not make the PDF; the message says why and what to do. */
    public static final class PdfException extends Exception {
        public PdfException(String message) {
            super(message);
        }
    }
}
