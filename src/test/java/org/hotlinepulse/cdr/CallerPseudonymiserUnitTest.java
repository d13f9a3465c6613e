package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerPseudonymiserUnitTest {

    private static final String NUMBER = "+8613800138000";
    private static final String LONG_KEY = "key-a-is-at-least-thirty-two-bytes-long";
    private final CallerPseudonymiser keyA = new CallerPseudonymiser(bytes("key-a"));

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void isHmacSha256OfTheNormalisedNumberAsLowercaseHex() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(bytes("key-a"), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(bytes(NUMBER)));
        assertThat(keyA.pseudonymise(NUMBER)).isEqualTo(expected).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void stableForOneKeyDifferentForAnother() {
        assertThat(keyA.pseudonymise(NUMBER)).isEqualTo(keyA.pseudonymise(NUMBER))
                .isEqualTo(new CallerPseudonymiser(bytes("key-a")).pseudonymise(NUMBER));
        assertThat(new CallerPseudonymiser(bytes("key-b")).pseudonymise(NUMBER))
                .isNotEqualTo(keyA.pseudonymise(NUMBER));
        assertThat(keyA.pseudonymise("+8613800138001")).isNotEqualTo(keyA.pseudonymise(NUMBER));
    }

    @Test
    void normalisesToDigitsAndALeadingPlus() {
        String canonical = keyA.pseudonymise(NUMBER);
        assertThat(keyA.pseudonymise("+86 138-0013-8000")).isEqualTo(canonical);
        assertThat(keyA.pseudonymise(" +86 (138) 0013.8000 ")).isEqualTo(canonical);
        assertThat(keyA.pseudonymise("tel:+86-138-0013-8000")).isEqualTo(canonical);
        assertThat(keyA.pseudonymise("＋８６１３８００１３８０００")).isEqualTo(canonical);
        // a national number is a different string: only separators are normalised, not number plans
        assertThat(keyA.pseudonymise("8613800138000")).isNotEqualTo(canonical);
        assertThat(CallerPseudonymiser.normalise("86+138")).isEqualTo("86138");
        assertThat(CallerPseudonymiser.normalise("0371-6789 0001")).isEqualTo("037167890001");
    }

    @Test
    void noDigitsMeansNoHash() {
        assertThat(keyA.pseudonymise(null)).isNull();
        assertThat(keyA.pseudonymise("")).isNull();
        assertThat(keyA.pseudonymise("anonymous")).isNull();
        assertThat(keyA.pseudonymise("+")).isNull();
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertThatThrownBy(() -> new CallerPseudonymiser(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyFromTheEnvironment() {
        CallerPseudonymiser p = CallerPseudonymiser.fromEnvironment(Map.of("HOTLINE_PULSE_HMAC_KEY", LONG_KEY));
        assertThat(p.isEphemeral()).isFalse();
        assertThat(p.pseudonymise(NUMBER)).isEqualTo(new CallerPseudonymiser(bytes(LONG_KEY)).pseudonymise(NUMBER));
        assertThat(p.keySource()).isEqualTo("HOTLINE_PULSE_HMAC_KEY");
        assertThat(p.toString()).doesNotContain(LONG_KEY);
    }

    @Test
    void keyFromAFileWithSurroundingWhitespaceIgnored() throws Exception {
        Path file = dir.resolve("hmac.key");
        Files.writeString(file, "  " + LONG_KEY + "\n");
        CallerPseudonymiser p =
                CallerPseudonymiser.fromEnvironment(Map.of("HOTLINE_PULSE_HMAC_KEY_FILE", file.toString()));
        assertThat(p.isEphemeral()).isFalse();
        assertThat(p.pseudonymise(NUMBER)).isEqualTo(new CallerPseudonymiser(bytes(LONG_KEY)).pseudonymise(NUMBER));
        assertThat(p.keySource()).contains(file.toString());
    }

    @Test
    void anUnreadableOrEmptyKeyFileIsNamed() throws Exception {
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() -> CallerPseudonymiser.fromEnvironment(
                Map.of("HOTLINE_PULSE_HMAC_KEY_FILE", missing.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the HMAC key file " + missing + ": no such file");
        Path empty = Files.writeString(dir.resolve("empty.key"), " \n");
        assertThatThrownBy(() -> CallerPseudonymiser.fromEnvironment(
                Map.of("HOTLINE_PULSE_HMAC_KEY_FILE", empty.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the HMAC key file " + empty + " is empty");
        assertThatThrownBy(() -> CallerPseudonymiser.fromEnvironment(
                Map.of("HOTLINE_PULSE_HMAC_KEY_FILE", dir.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the HMAC key file " + dir);
    }

    @Test
    void aConfiguredKeyShorterThan32BytesIsRefused() throws Exception {
        assertThatThrownBy(() -> CallerPseudonymiser.fromEnvironment(Map.of("HOTLINE_PULSE_HMAC_KEY", "k")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOTLINE_PULSE_HMAC_KEY holds a key of 1 bytes; it needs at least 32 random ones"
                        + " (e.g. the output of: openssl rand -hex 32)");
        Path file = Files.writeString(dir.resolve("short.key"), "x".repeat(31) + "\n");
        assertThatThrownBy(() -> CallerPseudonymiser.fromEnvironment(
                Map.of("HOTLINE_PULSE_HMAC_KEY_FILE", file.toString())))
                .hasMessageStartingWith("the HMAC key file " + file + " holds a key of 31 bytes;");
        assertThat(CallerPseudonymiser.fromEnvironment(Map.of("HOTLINE_PULSE_HMAC_KEY", "x".repeat(32)))
                .isEphemeral()).isFalse();
    }

    @Test
    void ambiguousOrEmptyVariablesAreRefused() {
        assertThatThrownBy(() -> CallerPseudonymiser.fromEnvironment(
                Map.of("HOTLINE_PULSE_HMAC_KEY", "k", "HOTLINE_PULSE_HMAC_KEY_FILE", "/f")))
                .hasMessage("both HOTLINE_PULSE_HMAC_KEY and HOTLINE_PULSE_HMAC_KEY_FILE are set: set only one");
        assertThatThrownBy(() -> CallerPseudonymiser.fromEnvironment(Map.of("HOTLINE_PULSE_HMAC_KEY", "")))
                .hasMessage("HOTLINE_PULSE_HMAC_KEY is set but empty");
        assertThatThrownBy(() -> CallerPseudonymiser.fromEnvironment(Map.of("HOTLINE_PULSE_HMAC_KEY_FILE", " ")))
                .hasMessage("HOTLINE_PULSE_HMAC_KEY_FILE is set but empty");
    }

    @Test
    void withoutAKeyARandomOneIsDrawnPerInstance() {
        CallerPseudonymiser one = CallerPseudonymiser.fromEnvironment(Map.of("PATH", "/bin"));
        CallerPseudonymiser two = CallerPseudonymiser.fromEnvironment(Map.of());
        assertThat(one.isEphemeral()).isTrue();
        assertThat(one.pseudonymise(NUMBER)).isEqualTo(one.pseudonymise(NUMBER))
                .isNotEqualTo(two.pseudonymise(NUMBER));
    }

    @Test
    void survivesJavaSerialisationWithItsKey() throws Exception {
        CallerPseudonymiser ephemeral = CallerPseudonymiser.fromEnvironment(Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(ephemeral);
        }
        CallerPseudonymiser copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            copy = (CallerPseudonymiser) in.readObject();
        }
        assertThat(copy.isEphemeral()).isTrue();
        assertThat(copy.pseudonymise(NUMBER)).isEqualTo(ephemeral.pseudonymise(NUMBER));
    }

    @Test
    void threadSafe() throws Exception {
        String expected = keyA.pseudonymise(NUMBER);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Set<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    Set<String> seen = ConcurrentHashMap.newKeySet();
                    for (int i = 0; i < 10_000; i++) {
                        seen.add(keyA.pseudonymise(NUMBER));
                    }
                    return seen;
                }));
            }
            for (Future<Set<String>> r : results) {
                assertThat(r.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
