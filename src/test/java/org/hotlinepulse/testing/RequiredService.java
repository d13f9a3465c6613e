package org.hotlinepulse.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import java.util.Locale;

/**
 * What a test needs from the machine it runs on (PostgreSQL, Alertmanager, Chromium, an environment
 * without a variable that changes the outcome): when it is missing the test is skipped with the
 * reason, or fails with it when the environment variable {@value #SWITCH} is {@code 1}, as in CI.
 */
public final class RequiredService {

    /** The environment variable that turns a missing service from a skip into a failure. */
    public static final String SWITCH = "HOTLINE_PULSE_REQUIRE_SERVICES";

    private RequiredService() {}

    /**
     * Skips the calling test, or fails it when {@value #SWITCH} is set, unless {@code available}.
     *
     * @param missing what is missing and how to install or start it, such as
     *     {@code "no Alertmanager binary; install it with: apt-get install -y prometheus-alertmanager"}
     */
    public static void assumeAvailable(boolean available, String missing) {
        assumeAvailable(available, missing, required());
    }

    /**
     * The same for a whole test class, as an extension's {@code ExecutionCondition}: a class skipped there
     * is reported as skipped, while one aborted in a {@code beforeAll} callback is not reported at all.
     */
    public static ConditionEvaluationResult condition(boolean available, String missing) {
        return condition(available, missing, required());
    }

    static void assumeAvailable(boolean available, String missing, boolean required) {
        if (condition(available, missing, required).isDisabled()) {
            Assumptions.abort(missing);
        }
    }

    static ConditionEvaluationResult condition(boolean available, String missing, boolean required) {
        if (available) {
            return ConditionEvaluationResult.enabled(null);
        }
        if (required) {
            throw new AssertionError(missing + " (" + SWITCH + " is set: every service must be there)");
        }
        return ConditionEvaluationResult.disabled(missing);
    }

    private static boolean required() {
        String value = System.getenv(SWITCH);
        return value != null && (value.equals("1") || value.toLowerCase(Locale.ROOT).equals("true"));
    }
}
