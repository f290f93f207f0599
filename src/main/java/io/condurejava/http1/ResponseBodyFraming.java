package io.condurejava.http1;

/**
 * How an origin's response body is delimited (RFC 9112 §6.3); immutable, any thread.
 *
 * @param kind the delimiting rule
 * @param length body bytes for {@link Kind#CONTENT_LENGTH}, else -1
 */
public record ResponseBodyFraming(Kind kind, long length) {
    /** The four ways a response body can end. */
    public enum Kind { NO_BODY, CONTENT_LENGTH, CHUNKED, UNTIL_CLOSE }

    static final ResponseBodyFraming NONE = new ResponseBodyFraming(Kind.NO_BODY, -1);
    static final ResponseBodyFraming CHUNKED = new ResponseBodyFraming(Kind.CHUNKED, -1);
    static final ResponseBodyFraming CLOSE = new ResponseBodyFraming(Kind.UNTIL_CLOSE, -1);
}
