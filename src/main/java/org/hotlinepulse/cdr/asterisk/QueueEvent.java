package org.hotlinepulse.cdr.asterisk;

import java.time.Instant;

/**
 * One call event of an Asterisk queue_log, reduced to what the mapping uses: no data field that may hold a
 * caller number (ENTERQUEUE's caller id) is kept.
 *
 * @param origin the queue_log file name
 * @param lineNumber its line in that file
 * @param agent the member that took or missed the call, phone-number-like digit runs masked
 * @param holdSeconds CONNECT's holdtime (data1), or -1
 */
record QueueEvent(String origin, long lineNumber, Instant time, String uniqueid, String queue, String agent,
                  String event, long holdSeconds) {

    boolean is(String name) {
        return event.equals(name);
    }
}
