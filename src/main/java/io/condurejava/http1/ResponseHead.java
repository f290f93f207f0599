package io.condurejava.http1;

/**
 * A serialized response head plus how its body must be framed; immutable by convention (do not
 * modify {@code bytes}), any thread.
 *
 * @param bytes the head, status line through the blank line
 * @param framing how the body is delimited
 * @param contentLength body bytes to write for CONTENT_LENGTH; 0 for NO_BODY; -1 otherwise
 * @param persistent true if the connection may carry another request after this response
 */
public record ResponseHead(byte[] bytes, ResponseFramingKind framing, long contentLength, boolean persistent) {
}
