package io.inflow.web;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors so a client learns of every bad field at once. */
public final class Validation {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    public Validation check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new Problem.FieldError(field, message));
        }
        return this;
    }

    public Validation add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    public boolean ok(String field) {
        return errors.stream().noneMatch(e -> e.field().equals(field));
    }

    /** Text that is present, not blank, and at most max characters. */
    public Validation text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return add(field, "is required");
        }
        return check(value.length() <= max, field, "must be at most " + max + " characters");
    }

    public Validation oneOf(String value, String field, List<String> allowed) {
        if (value == null) {
            return add(field, "is required");
        }
        return allowed.contains(value) ? this : add(field, "must be one of " + String.join(", ", allowed));
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
    }
}
