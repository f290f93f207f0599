package io.condurejava.http1;

/**
 * How a request's body is delimited (RFC 9112 §6.3), decided once from its head; immutable, any
 * thread. Use {@link FixedLengthInputStream} or {@link ChunkedInputStream} to read the body.
 */
public sealed interface RequestFraming permits RequestFraming.NoBody, RequestFraming.FixedLength, RequestFraming.Chunked {

    /** No Content-Length and no Transfer-Encoding: the request has no body. */
    record NoBody() implements RequestFraming {
        @Override
        public boolean hasBody() {
            return false;
        }
    }

    /** Content-Length: {@code length} bytes follow (0 is kept distinct from {@link NoBody}). */
    record FixedLength(long length) implements RequestFraming {
        @Override
        public boolean hasBody() {
            return length > 0;
        }
    }

    /** Transfer-Encoding: chunked. */
    record Chunked() implements RequestFraming {
        @Override
        public boolean hasBody() {
            return true;
        }
    }

    /**
     * Applies the Content-Length / Transfer-Encoding rules (see {@link RequestFramingRules}).
     *
     * @throws HttpViolationException when the framing is invalid or ambiguous
     */
    static RequestFraming of(RequestHead head) throws HttpViolationException {
        return RequestFramingRules.of(head);
    }

    /** True for a non-empty fixed-length body and for chunked. */
    boolean hasBody();
}
