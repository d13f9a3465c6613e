package org.hotlinepulse.alerts;

/**
 * The {@code mode} label of UNANSWERED: how most connected calls of the span ended, ties broken
 * in contract §6's order of preference IVR_DEAD_END, QUEUE_ABANDON, RING_NO_ANSWER.
 */
public final class UnansweredMode {

    public static final String IVR_DEAD_END = "IVR_DEAD_END";
    public static final String QUEUE_ABANDON = "QUEUE_ABANDON";
    public static final String RING_NO_ANSWER = "RING_NO_ANSWER";

    private UnansweredMode() {}

    /** The mode for these counts of connected, unanswered calls. */
    public static String of(int noAnswerWithIvr, int abandoned, int noAnswerWithoutIvr) {
        if (noAnswerWithIvr >= abandoned && noAnswerWithIvr >= noAnswerWithoutIvr) {
            return IVR_DEAD_END;
        }
        return abandoned >= noAnswerWithoutIvr ? QUEUE_ABANDON : RING_NO_ANSWER;
    }
}
