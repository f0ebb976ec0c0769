package io.strata.command;

import io.strata.contract.Refusal;

/** The one rule for human-given names of organizations, keys and projects. */
public final class Names {
    public static final int MAX_LENGTH = 100;

    private Names() {
    }

    public static String require(String field, String name) {
        if (name == null || name.isBlank()) {
            throw Refusal.invalid("invalid_request", field + " must not be blank");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw Refusal.invalid("invalid_request", field + " must be at most " + MAX_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("invalid_request", field + " must not contain control characters");
        }
        return trimmed;
    }
}
