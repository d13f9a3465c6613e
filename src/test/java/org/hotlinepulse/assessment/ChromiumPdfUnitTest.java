package org.hotlinepulse.assessment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How printing fails when the browser is missing, hangs or fails, with stand-in scripts for Chromium. */
class ChromiumPdfUnitTest {
    @TempDir
    Path dir;

    @Test
    void aMissingBrowserNamesWhatToInstall() throws Exception {
        ChromiumPdf printer = new ChromiumPdf(dir.resolve("no-chromium"), Duration.ofSeconds(5));
        assertThatThrownBy(() -> printer.print(page(), dir.resolve("out.pdf")))
                .isInstanceOf(ChromiumPdf.PdfException.class)
                .hasMessageContaining("no-chromium is missing")
                .hasMessageContaining("apt-get install -y chromium fonts-wqy-microhei");
    }

    @Test
    void aBrowserThatHangsIsStoppedAfterTheTimeout() throws Exception {
        ChromiumPdf printer = new ChromiumPdf(script("exec sleep 60"), Duration.ofMillis(500));
        long started = System.nanoTime();
        assertThatThrownBy(() -> printer.print(page(), dir.resolve("out.pdf")))
                .isInstanceOf(ChromiumPdf.PdfException.class)
                .hasMessageContaining("did not finish printing").hasMessageContaining("was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aFailedRenderEndsWithTheTailOfTheBrowsersOutput() throws Exception {
        StringBuilder noise = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            noise.append("echo noise line ").append(i).append(" >&2\n");
        }
        ChromiumPdf printer = new ChromiumPdf(script(noise + "echo 'ERROR: cannot print' >&2\nexit 21"),
                Duration.ofSeconds(10));
        assertThatThrownBy(() -> printer.print(page(), dir.resolve("out.pdf")))
                .isInstanceOf(ChromiumPdf.PdfException.class)
                .hasMessageContaining("exited 21 without writing")
                .hasMessageContaining("ERROR: cannot print")
                .hasMessageContaining("noise line 40")
                .hasMessageNotContaining("noise line 10\n");
    }

    @Test
    void anExitWithoutAFileIsAFailureToo() throws Exception {
        ChromiumPdf printer = new ChromiumPdf(script("exit 0"), Duration.ofSeconds(10));
        assertThatThrownBy(() -> printer.print(page(), dir.resolve("out.pdf")))
                .isInstanceOf(ChromiumPdf.PdfException.class).hasMessageContaining("exited 0 without writing");
    }

    private Path page() throws Exception {
        return Files.writeString(dir.resolve("page.html"), "<p>page</p>");
    }

    private Path script(String body) throws Exception {
        Path script = dir.resolve("fake-chromium");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
