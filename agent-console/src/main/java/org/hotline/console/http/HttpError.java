package org.hotline.console.http;

/** A request the console itself rejects with a given HTTP status (401, 403, 400 for malformed input ...). */
public final class HttpError extends RuntimeException {
    private final int status;
    private final String field;

    public HttpError(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static HttpError badRequest(String field, String message) {
        return new HttpError(400, field, message);
    }

    public static HttpError unauthorized() {
        return new HttpError(401, null, "not logged in");
    }

    public static HttpError forbidden(String message) {
        return new HttpError(403, null, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
