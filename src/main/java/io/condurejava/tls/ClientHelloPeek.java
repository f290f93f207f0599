package io.condurejava.tls;

import javax.net.ssl.SSLHandshakeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the client's first flight up to the end of its ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2)
 * to learn the SNI host name (RFC 6066 §3) before the JDK starts; the bytes read are handed to the JDK
 * untouched. The key manager needs the name this early: when the JDK resumes a session from a
 * stateless ticket it asks for the certificate before it has parsed server_name. Only the name is
 * taken from these bytes; the JDK checks everything. Runs on the connection's thread.
 */
final class ClientHelloPeek {
    /** Same bound as the JDK's default {@code jdk.tls.maxHandshakeMessageSize}. */
    static final int MAX_CLIENT_HELLO_BYTES = 32 * 1024;
    private static final int RECORD_HEADER_BYTES = 5;
    private static final int HANDSHAKE_HEADER_BYTES = 4;
    private static final int CONTENT_TYPE_HANDSHAKE = 22;
    private static final int HANDSHAKE_CLIENT_HELLO = 1;
    private static final int EXTENSION_SERVER_NAME = 0;
    private static final int NAME_TYPE_HOST_NAME = 0;
    private static final int RANDOM_BYTES = 32;

    /** The bytes consumed from the socket and the SNI host name in them (null if none or unreadable). */
    record Peeked(byte[] consumed, String serverName) {
    }

    private ClientHelloPeek() {
    }

    static Peeked read(InputStream in) throws IOException {
        ByteArrayOutputStream consumed = new ByteArrayOutputStream(512);
        ByteArrayOutputStream handshake = new ByteArrayOutputStream(512);
        while (true) {
            byte[] header = readFully(in, RECORD_HEADER_BYTES, consumed);
            if (header[0] != CONTENT_TYPE_HANDSHAKE) {
                if (consumed.size() == RECORD_HEADER_BYTES && header[0] >= 0x20 && header[0] < 0x7f) {
                    throw new SSLHandshakeException("client spoke plaintext, not TLS (starts with \""
                            + printable(header) + "\")");
                }
                return new Peeked(consumed.toByteArray(), null); // not ours to judge: the JDK will
            }
            int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            if (handshake.size() + length > MAX_CLIENT_HELLO_BYTES) {
                throw new SSLHandshakeException("ClientHello larger than " + MAX_CLIENT_HELLO_BYTES + " bytes");
            }
            handshake.writeBytes(readFully(in, length, consumed));
            byte[] h = handshake.toByteArray();
            if (h.length >= HANDSHAKE_HEADER_BYTES) {
                int bodyLength = ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
                if (h[0] != HANDSHAKE_CLIENT_HELLO) {
                    return new Peeked(consumed.toByteArray(), null);
                }
                if (bodyLength > MAX_CLIENT_HELLO_BYTES) {
                    throw new SSLHandshakeException("ClientHello larger than " + MAX_CLIENT_HELLO_BYTES + " bytes");
                }
                if (h.length >= HANDSHAKE_HEADER_BYTES + bodyLength) {
                    return new Peeked(consumed.toByteArray(),
                            serverName(ByteBuffer.wrap(h, HANDSHAKE_HEADER_BYTES, bodyLength)));
                }
            }
        }
    }

    /** The host_name in a ClientHello body, or null when absent or malformed. */
    static String serverName(ByteBuffer body) {
        try {
            skip(body, 2 + RANDOM_BYTES);              // legacy_version, random
            skip(body, body.get() & 0xff);             // legacy_session_id
            skip(body, body.getShort() & 0xffff);      // cipher_suites
            skip(body, body.get() & 0xff);             // legacy_compression_methods
            if (!body.hasRemaining()) {
                return null;                           // no extensions
            }
            ByteBuffer extensions = slice(body, body.getShort() & 0xffff);
            while (extensions.hasRemaining()) {
                int type = extensions.getShort() & 0xffff;
                ByteBuffer data = slice(extensions, extensions.getShort() & 0xffff);
                if (type == EXTENSION_SERVER_NAME) {
                    ByteBuffer list = slice(data, data.getShort() & 0xffff);
                    while (list.hasRemaining()) {
                        int nameType = list.get() & 0xff;
                        ByteBuffer name = slice(list, list.getShort() & 0xffff);
                        if (nameType == NAME_TYPE_HOST_NAME) {
                            return hostName(name);
                        }
                    }
                    return null;
                }
            }
            return null;
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static String hostName(ByteBuffer name) {
        byte[] b = new byte[name.remaining()];
        name.get(b);
        for (byte c : b) {
            if (c <= 0x20 || c >= 0x7f) {
                return null; // host names on the wire are ASCII (RFC 6066 §3)
            }
        }
        return b.length == 0 ? null : new String(b, StandardCharsets.US_ASCII);
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }

    private static ByteBuffer slice(ByteBuffer b, int n) {
        ByteBuffer s = b.slice(b.position(), n);
        skip(b, n);
        return s;
    }

    private static byte[] readFully(InputStream in, int n, ByteArrayOutputStream consumed) throws IOException {
        byte[] b = in.readNBytes(n);
        consumed.writeBytes(b);
        if (b.length < n) {
            throw new SSLHandshakeException("connection closed during the TLS handshake");
        }
        return b;
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte c : b) {
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return sb.toString();
    }
}
