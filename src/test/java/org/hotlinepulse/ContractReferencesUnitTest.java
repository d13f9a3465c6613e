package org.hotlinepulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: its text files cite the contract in docs/contract.md, never a file outside the
 * repository (the design file, notes or scripts a workspace keeps beside it), and every relative link of README.md
 * and docs/*.md points to a file (and heading) that exists.
 */
class ContractReferencesUnitTest {

    /** What the repository's committed text files are, relative to its root (the working directory under Maven). */
    private static final List<String> ROOTS = List.of("README.md", "docs", "jobs", "docker", "schemas", "src");

    private static final Pattern OUTSIDE = Pattern.compile("DESIGN\\.md|DESIGN §|\\.\\./shared|FLINK-NOTES");

    /** File → the one line it may hold with such a reference, and why. */
    private static final Map<String, String> ALLOWED_LINE = Map.of(
            // The default folder of the real PBX samples (GPL/AGPL, never copied here), in this one place.
            "src/test/java/org/hotlinepulse/testing/CdrSamples.java",
            "    public static final String DEFAULT = \"../shared/cdr-samples\";");

    /** This test, which names what it looks for. */
    private static final String ITSELF = "src/test/java/org/hotlinepulse/ContractReferencesUnitTest.java";

    /**
     * Applied Flyway migrations are never edited (their checksums would no longer match the databases that ran
     * them): their comments cite the contract by its former name, with the same section numbers (docs/postgres.md §2).
     */
    private static final String MIGRATIONS = "src/main/resources/db/migration/";

    private static final Pattern LINK = Pattern.compile("\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:|^//");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");

    @Test
    void noTextFileRefersToFilesOutsideTheRepository() throws IOException {
        List<String> hits = new ArrayList<>();
        for (Path file : textFiles()) {
            String path = slashed(file);
            if (path.startsWith(MIGRATIONS) || path.equals(ITSELF)) {
                continue;
            }
            Optional<String> text = readText(file);
            if (text.isEmpty()) {
                continue;
            }
            List<String> lines = text.get().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (OUTSIDE.matcher(line).find() && !line.equals(ALLOWED_LINE.get(path))) {
                    hits.add(path + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }
        assertThat(hits).as("references to files outside the repository: cite docs/contract.md (\"contract §N\")")
                .isEmpty();
    }

    @Test
    void theAllowedReferencesAreStillThere() throws IOException {
        for (Map.Entry<String, String> allowed : ALLOWED_LINE.entrySet()) {
            assertThat(Files.readAllLines(Path.of(allowed.getKey()))).as("stale allow-list entry").contains(allowed.getValue());
        }
    }

    @Test
    void everyRelativeMarkdownLinkPointsToAFileThatExists() throws IOException {
        List<Path> markdown = new ArrayList<>();
        markdown.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(markdown::add);
        }
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Path file : markdown) {
            List<String> lines = outsideCodeBlocks(Files.readAllLines(file));
            for (int i = 0; i < lines.size(); i++) {
                Matcher link = LINK.matcher(lines.get(i));
                while (link.find()) {
                    String target = link.group(1);
                    if (SCHEME.matcher(target).find()) {
                        continue;
                    }
                    int hash = target.indexOf('#');
                    String pathPart = hash < 0 ? target : target.substring(0, hash);
                    String anchor = hash < 0 ? "" : target.substring(hash + 1);
                    Path resolved = pathPart.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(pathPart).normalize();
                    String where = slashed(file) + ":" + (i + 1) + ": " + target;
                    if (!Files.exists(resolved)) {
                        broken.add(where + " (no such file)");
                    } else if (!anchor.isEmpty() && resolved.toString().endsWith(".md")
                            && !anchors.computeIfAbsent(resolved, ContractReferencesUnitTest::anchorsOf).contains(anchor)) {
                        broken.add(where + " (no such heading)");
                    }
                }
            }
        }
        assertThat(broken).as("relative links in README.md and docs/*.md").isEmpty();
    }

    @Test
    void headingsGetGithubAnchors() {
        assertThat(slug("3. `replay --out DIR`: `alerts.jsonl`")).isEqualTo("3-replay---out-dir-alertsjsonl");
        assertThat(slug("FEED_STALE and the SILENT of a stale feed")).isEqualTo("feed_stale-and-the-silent-of-a-stale-feed");
        assertThat(slug("3.4 Outcomes and their derivation")).isEqualTo("34-outcomes-and-their-derivation");
        assertThat(slug("Outcome derivation (`OutcomeDerivation`, contract §3)"))
                .isEqualTo("outcome-derivation-outcomederivation-contract-3");
    }

    private static List<Path> textFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String root : ROOTS) {
            Path path = Path.of(root);
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !slashed(p).contains("/target/") && !slashed(p).startsWith("target/"))
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The file's text, or empty for a binary file (a NUL byte, or not UTF-8). */
    private static Optional<String> readText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * The lines with those of fenced code blocks blanked (so that line numbers stay), and brackets and parentheses
     * inside code spans blanked (so that {@code `[.f](Z)`} is no link, while {@code [`x`](y.md)} stays one).
     */
    private static List<String> outsideCodeBlocks(List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines) {
            boolean fence = line.stripLeading().startsWith("```");
            out.add(fenced || fence ? "" : CODE_SPAN.matcher(line).replaceAll(
                    code -> Matcher.quoteReplacement(code.group().replaceAll("[\\[\\]()]", " "))));
            if (fence) {
                fenced = !fenced;
            }
        }
        return out;
    }

    /** The anchors GitHub gives the headings of a markdown file, and explicit {@code <a name>} anchors. */
    private static Set<String> anchorsOf(Path file) {
        List<String> lines;
        try {
            lines = outsideCodeBlocks(Files.readAllLines(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : lines) {
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's heading anchor: the text as rendered, lower case, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }

    private static String slashed(Path path) {
        return path.normalize().toString().replace('\\', '/');
    }
}
