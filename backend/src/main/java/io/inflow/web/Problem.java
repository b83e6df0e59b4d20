package io.inflow.web;

import java.util.List;

/**
 * An error a client can act on, answered as an RFC 9457 problem document.
 * Thrown anywhere below a controller; mapped to JSON in one place.
 */
public final class Problem extends RuntimeException {
    public record FieldError(String field, String message) {}

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private Integer retryAfterSeconds;

    public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail, List.of());
    }

    public static Problem badRequest(String detail, List<FieldError> errors) {
        return new Problem(400, "bad-request", "Bad request", detail, errors);
    }

    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(422, "validation", "Invalid request", detail, errors);
    }

    public static Problem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static Problem unauthorized(String detail) {
        return new Problem(401, "unauthorized", "Sign-in required", detail, List.of());
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "forbidden", "Forbidden", detail, List.of());
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not found", detail, List.of());
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "conflict", "Conflict", detail, List.of());
    }

    public static Problem tooLarge(String detail) {
        return new Problem(413, "too-large", "Request too large", detail, List.of());
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(415, "unsupported-media-type", "Unsupported media type", detail, List.of());
    }

    /** 429: the client should send again after this many seconds (answered as Retry-After). */
    public static Problem tooManyRequests(String detail, int retryAfterSeconds) {
        Problem p = new Problem(429, "too-many-requests", "Too many requests", detail, List.of());
        p.retryAfterSeconds = retryAfterSeconds;
        return p;
    }

    /** Seconds for a Retry-After header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
