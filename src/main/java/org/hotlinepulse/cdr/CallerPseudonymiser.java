package org.hotlinepulse.cdr;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a caller number with its keyed hash (HMAC-SHA-256, lowercase hex), so that repeat callers can be
 * recognised without anyone learning the number (contract §9). Thread-safe; serialisable so that a Flink job ships
 * the same key to every task.
 */
public final class CallerPseudonymiser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Environment variable holding the key text. */
    public static final String KEY_VARIABLE = "HOTLINE_PULSE_HMAC_KEY";
    /** Environment variable naming a file that holds the key text. */
    public static final String KEY_FILE_VARIABLE = "HOTLINE_PULSE_HMAC_KEY_FILE";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int EPHEMERAL_KEY_BYTES = 32;
    /**
     * The shortest configured key: the hashes are only as secret as the key, and anyone holding
     * them could otherwise try every short key against every phone number.
     */
    static final int MIN_KEY_BYTES = 32;

    private final byte[] key;
    private final boolean ephemeral;
    private final String keySource;
    private transient ThreadLocal<Mac> macs;

    /** A pseudonymiser with the given key bytes; the array is copied. */
    public CallerPseudonymiser(byte[] key) {
        this(key, false, "a key given in code");
    }

    private CallerPseudonymiser(byte[] key, boolean ephemeral, String keySource) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("the HMAC key is empty");
        }
        this.key = key.clone();
        this.ephemeral = ephemeral;
        this.keySource = keySource;
        this.macs = newMacs();
    }

    /**
     * The pseudonymiser configured by {@value #KEY_VARIABLE} (the key text) or {@value #KEY_FILE_VARIABLE} (a file
     * holding it, surrounding whitespace ignored); with neither, a random key for this process only
     * ({@link #isEphemeral()}).
     *
     * @throws IllegalArgumentException when both are set, one is set but empty, or the key file is unreadable or
     *     empty; the message names the variable or the file
     */
    public static CallerPseudonymiser fromEnvironment(Map<String, String> env) {
        String keyText = env.get(KEY_VARIABLE);
        String keyFile = env.get(KEY_FILE_VARIABLE);
        if (keyText != null && keyFile != null) {
            throw new IllegalArgumentException(
                    "both " + KEY_VARIABLE + " and " + KEY_FILE_VARIABLE + " are set: set only one");
        }
        if (keyText != null) {
            if (keyText.isBlank()) {
                throw new IllegalArgumentException(KEY_VARIABLE + " is set but empty");
            }
            return new CallerPseudonymiser(longEnough(keyText.getBytes(StandardCharsets.UTF_8), KEY_VARIABLE), false,
                    KEY_VARIABLE);
        }
        if (keyFile != null) {
            if (keyFile.isBlank()) {
                throw new IllegalArgumentException(KEY_FILE_VARIABLE + " is set but empty");
            }
            return new CallerPseudonymiser(longEnough(readKeyFile(Path.of(keyFile)), "the HMAC key file " + keyFile),
                    false, KEY_FILE_VARIABLE + " " + keyFile);
        }
        byte[] random = new byte[EPHEMERAL_KEY_BYTES];
        new SecureRandom().nextBytes(random);
        return new CallerPseudonymiser(random, true, "a random key for this process");
    }

    private static byte[] longEnough(byte[] key, String where) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(where + " holds a key of " + key.length + " bytes; it needs at least "
                    + MIN_KEY_BYTES + " random ones (e.g. the output of: openssl rand -hex 32)");
        }
        return key;
    }

    private static byte[] readKeyFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the HMAC key file " + file + ": " + describe(e), e);
        }
        String keyText = text.strip();
        if (keyText.isEmpty()) {
            throw new IllegalArgumentException("the HMAC key file " + file + " is empty");
        }
        return keyText.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** True when no key was configured and a random one was drawn: hashes then differ from run to run. */
    public boolean isEphemeral() {
        return ephemeral;
    }

    /** Where the key came from, for a start-up message; never the key itself. */
    public String keySource() {
        return keySource;
    }

    /**
     * The keyed hash of a caller number as 64 lowercase hex digits, or null when the value holds no digit (a
     * withheld or anonymous caller). The number is normalised first: only its digits are kept (full-width digits as
     * ASCII), with a '+' that precedes the first digit, so "+86 138-0000-0000" and "+8613800000000" hash alike.
     */
    public String pseudonymise(String rawCallerNumber) {
        String normalised = normalise(rawCallerNumber);
        if (normalised == null) {
            return null;
        }
        byte[] digest = macs.get().doFinal(normalised.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest);
    }

    /** The digits of the number, with a leading '+' when one precedes the first digit; null when there is no digit. */
    static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(raw.length() + 1);
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isDigit(c)) {
                digits.append((char) ('0' + Character.digit(c, 10)));
            } else if ((c == '+' || c == '\uFF0B') && digits.length() == 0) {
                plus = true;
            }
        }
        if (digits.length() == 0) {
            return null;
        }
        return plus ? "+" + digits : digits.toString();
    }

    private ThreadLocal<Mac> newMacs() {
        byte[] keyBytes = key;
        return ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(keyBytes, ALGORITHM));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this Java runtime lacks " + ALGORITHM, e);
            }
        });
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        macs = newMacs();
    }

    @Override
    public String toString() {
        return "CallerPseudonymiser[HMAC-SHA-256, key from " + keySource + "]";
    }
}
