package org.hotlinepulse.simulate;

/** A fault spec that cannot be used; the message names the fault and the field that is wrong. */
public final class FaultSpecException extends Exception {
    FaultSpecException(String message) {
        super(message);
    }
}
