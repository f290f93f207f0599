package io.condurejava.http1;

/** How a response body is delimited on the wire; immutable, any thread. */
public enum ResponseFramingKind {
    /** No body bytes at all (1xx, 204, 304, and responses to HEAD). */
    NO_BODY,
    /** Exactly {@code contentLength} body bytes follow. */
    CONTENT_LENGTH,
    /** Body in chunked transfer coding ({@link ChunkedOutputStream}). */
    CHUNKED,
    /** Body ends when the connection closes (HTTP/1.0 streaming); never persistent. */
    UNTIL_CLOSE
}
