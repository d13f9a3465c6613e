package org.hotlinepulse.cdr.freeswitch;

/** A field of a FreeSWITCH record that cannot be used; the message is the rejection reason, naming the field. */
final class FieldProblem extends Exception {
    private final String field;

    FieldProblem(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    /** The FreeSWITCH field (CSV column or JSON variable) the problem is about. */
    String field() {
        return field;
    }
}
