package org.hashing4j.serve;

/**
 * A request the server refuses, with the HTTP status to answer and a one-line message naming the
 * problem; sent to the client as {@code {"error": "…"}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status (4xx for a client's mistake). */
    public int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
