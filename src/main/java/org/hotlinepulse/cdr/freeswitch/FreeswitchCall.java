package org.hotlinepulse.cdr.freeswitch;

import java.time.Instant;

/**
 * What hotline-pulse takes from one FreeSWITCH CDR (a {@code mod_cdr_csv} row or a {@code mod_json_cdr} document),
 * already read and with the caller already pseudonymised, before it becomes a canonical CDR.
 *
 * @param uuid        the channel's uuid (the A-leg's), the PBX's id of the call
 * @param destination the dialled number, the hotline's public line
 * @param callerHash  the keyed hash of the caller's number, or null for an anonymous caller
 * @param start       when the call was set up
 * @param queue       when the caller joined a queue for a person, or null
 * @param answer      when a person answered (the bridge to an agent leg), or null
 * @param end         when the call ended
 * @param cause       the hangup cause, or null when none was written
 * @param q850        a Q.850 value written by the PBX itself ({@code hangup_cause_q850}), or null
 * @param hangupDisposition {@code sip_hangup_disposition} (recv_bye, send_bye, ...), or null
 * @param ivr         the PBX answered the call itself (a voice menu, music on hold) before or without a person
 * @param agentId     who answered, or null
 */
record FreeswitchCall(String uuid, String destination, String callerHash, Instant start, Instant queue,
                      Instant answer, Instant end, HangupCause cause, Integer q850, String hangupDisposition,
                      boolean ivr, String agentId) {}
