package io.strata.platform.web;

/**
 * A refusal a client can act on: an HTTP status, a stable snake_case code and a message for a person.
 * Thrown by controllers and by command handlers alike; never carries a secret.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }
    public String code() { return code; }

    public static ApiException badRequest(String code, String message) { return new ApiException(400, code, message); }
    public static ApiException forbidden(String code, String message) { return new ApiException(403, code, message); }
    public static ApiException conflict(String code, String message) { return new ApiException(409, code, message); }
    public static ApiException unprocessable(String code, String message) { return new ApiException(422, code, message); }

    /** Unknown, or another organization's: existence is never disclosed. */
    public static ApiException notFound(String resource, String id) {
        return new ApiException(404, "not_found", resource + " " + id + " was not found");
    }
}
