package io.strata.contract;

import java.util.Objects;

/**
 * A command the domain refuses: what kind of refusal it is, API.md's stable snake_case error code and
 * a message for a person. Aggregates and command handlers throw it; the web layer maps the kind to an
 * HTTP status, so the domain speaks of "not found" or "conflict" and never of status codes. The message
 * reaches the client verbatim: it never carries a secret.
 */
public class Refusal extends RuntimeException {

    /** The sorts of refusal API.md distinguishes; each has exactly one HTTP status. */
    public enum Kind {
        /** Bad input (400). */
        INVALID,
        /** Allowed for nobody in the caller's position, e.g. a plan's limit (403). */
        FORBIDDEN,
        /** Unknown, or another organization's: existence is never disclosed (404). */
        NOT_FOUND,
        /** Conflicts with the resource's current state (409). */
        CONFLICT,
        /** A precondition the caller stated, such as an expected version, does not hold (412). */
        PRECONDITION_FAILED,
        /** Well-formed but semantically invalid (422). */
        UNPROCESSABLE
    }

    private final Kind kind;
    private final String code;

    public Refusal(Kind kind, String code, String message) {
        // No stack trace: a refusal is an answer to the caller, not a bug to locate.
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
    }

    public Kind kind() { return kind; }
    public String code() { return code; }

    public static Refusal invalid(String code, String message) { return new Refusal(Kind.INVALID, code, message); }
    public static Refusal forbidden(String code, String message) { return new Refusal(Kind.FORBIDDEN, code, message); }
    public static Refusal conflict(String code, String message) { return new Refusal(Kind.CONFLICT, code, message); }
    public static Refusal unprocessable(String code, String message) { return new Refusal(Kind.UNPROCESSABLE, code, message); }

    public static Refusal preconditionFailed(String message) {
        return new Refusal(Kind.PRECONDITION_FAILED, "precondition_failed", message);
    }

    /** Unknown, or another organization's: the same answer, so existence is never disclosed. */
    public static Refusal notFound(String resource, String id) {
        return new Refusal(Kind.NOT_FOUND, "not_found", resource + " " + id + " was not found");
    }

    @Override
    public String toString() {
        return "Refusal[" + kind + ", " + code + "]: " + getMessage();
    }
}
