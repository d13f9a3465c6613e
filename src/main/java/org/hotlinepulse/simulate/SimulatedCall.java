package org.hotlinepulse.simulate;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;

/** One simulated call: its CDR, the outcome it was given (even when the CDR leaves it to be derived) and the fault that shaped it, if any. */
record SimulatedCall(Cdr cdr, Outcome outcome, Fault fault) {
    long endMs() {
        return cdr.getEndTime().toEpochMilli();
    }
}
