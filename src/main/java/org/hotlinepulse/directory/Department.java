package org.hotlinepulse.directory;

import java.io.Serializable;
import java.util.Objects;

/**
 * A department that publishes hotlines (郑州市社会保险中心, ...): the key of department metrics and
 * of the monthly assessment.
 */
public record Department(String id, String name) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException when the id or the name is blank */
    public Department {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank()) {
            throw new IllegalArgumentException("department id is blank");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("department " + id + " has a blank name");
        }
    }
}
