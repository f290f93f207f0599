/**
 * Pure WebSocket codec (RFC 6455, RFC 7692): opening handshake, frames, messages with UTF-8 and
 * size checks, permessage-deflate. Reads from an {@link java.io.InputStream} and writes to an
 * {@link java.io.OutputStream} with blocking calls, meant for one reader thread and one writer
 * thread per connection; never touches a socket or ZeroMQ.
 *
 * <p>Entry points: {@link io.condurejava.ws.Handshake} and
 * {@link io.condurejava.ws.PerMessageDeflate} for the upgrade ({@link io.condurejava.ws.DeflateAnswer}
 * on the client side), then
 * {@link io.condurejava.ws.MessageReader} (reader thread) and
 * {@link io.condurejava.ws.MessageWriter} (writer thread). {@link io.condurejava.ws.FrameReader}
 * and {@link io.condurejava.ws.FrameWriter} work one level lower.
 *
 * <p>Stricter than Condure, as RFC 6455 asks: client frames must be masked; the Upgrade token is
 * case-insensitive and Connection must list upgrade; the key must be base64 of 16 bytes; HTTP/1.0
 * is refused; text must be UTF-8; close codes are checked. More lenient than Condure: control
 * frames may come between the fragments of a message (RFC 6455 §5.4).
 */
package io.condurejava.ws;
