package org.hotlinepulse.cdr.asterisk;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * One Master.csv record, parsed: a leg of a call. Holds no raw caller number ({@code callerHash} is already the
 * keyed hash) and no caller name.
 *
 * @param lineNumber its line in Master.csv
 * @param callKey what ties the legs of one call: linkedid, else uniqueid, else channel and start
 * @param uniqueids the uniqueid and linkedid of the leg, to find its queue_log events
 * @param channel the calling channel: Asterisk writes a channel's records together, when it hangs up
 */
record AsteriskLeg(long lineNumber, String callKey, Set<String> uniqueids, String callerHash, String dst,
                   String dcontext, String channel, String dstchannel, String lastapp, Instant start, Instant answer, Instant end,
                   Disposition disposition, String rowFingerprint) {

    /** Dialplan applications that play to the caller or collect digits: a voice menu. */
    private static final Set<String> MENU_APPS = Set.of("playback", "background", "read", "waitexten", "ivr",
            "controlplayback", "saydigits", "saynumber", "sayalpha", "festival", "agi", "eagi");
    private static final Set<String> MAILBOX_APPS = Set.of("voicemail", "voicemailmain", "minivm", "minivmrecord",
            "record");

    String app() {
        return lastapp.toLowerCase(Locale.ROOT);
    }

    boolean isMenu() {
        return MENU_APPS.contains(app());
    }

    boolean isMailbox() {
        return MAILBOX_APPS.contains(app());
    }

    boolean isQueue() {
        return app().equals("queue");
    }

    /** Dial, Queue or a similar app that rings a person's phone. */
    boolean ringsAPerson() {
        String app = app();
        return app.equals("dial") || app.equals("queue") || app.equals("followme") || app.equals("agentrequest");
    }

    /** A person's phone was bridged to the caller: answered, by an app that rings people, to another channel. */
    boolean bridgedToAPerson() {
        return disposition == Disposition.ANSWERED && ringsAPerson() && !dstchannel.isEmpty() && answer != null;
    }
}
