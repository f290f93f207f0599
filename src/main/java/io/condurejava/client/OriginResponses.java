package io.condurejava.client;

import io.condurejava.http1.ChunkedInputStream;
import io.condurejava.http1.FixedLengthInputStream;
import io.condurejava.http1.HttpInput;
import io.condurejava.http1.IncomingResponseHead;
import io.condurejava.http1.ResponseBodyFraming;
import io.condurejava.http1.ResponseHeadParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reading an origin's response with the shared http1 parser: the final head (interim 1xx heads
 * other than 101 are skipped), the body as a stream per its framing, and a whole body up to a
 * limit. Used on exchange threads; pure helpers.
 */
final class OriginResponses {
    static final int MAX_RESPONSE_HEADERS = 64;

    private OriginResponses() {
    }

    /** The first non-interim head; a 101 ends the search (the caller decides what it means). */
    static IncomingResponseHead readHead(HttpInput in, int bufferSize) throws IOException {
        IncomingResponseHead head;
        do {
            head = ResponseHeadParser.read(in, bufferSize, MAX_RESPONSE_HEADERS);
        } while (head.isInterim());
        return head;
    }

    /** The body per its framing, or null when the response has none. */
    static InputStream body(ResponseBodyFraming framing, HttpInput in, int bufferSize) {
        return switch (framing.kind()) {
            case NO_BODY -> null;
            case CONTENT_LENGTH -> framing.length() == 0 ? null : new FixedLengthInputStream(in, framing.length());
            case CHUNKED -> new ChunkedInputStream(in, bufferSize);
            case UNTIL_CLOSE -> in;
        };
    }

    /**
     * Reads a whole body; null when it is longer than {@code maxBytes} (with {@code truncate}
     * false), else at most {@code maxBytes} of it.
     */
    static byte[] readAll(InputStream body, int maxBytes, boolean truncate) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[Math.min(maxBytes + 1, 64 * 1024)];
        while (true) {
            int n = body.read(buf, 0, (int) Math.min(buf.length, (long) maxBytes + 1 - out.size()));
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buf, 0, n);
            if (out.size() > maxBytes) {
                if (!truncate) {
                    return null;
                }
                byte[] all = out.toByteArray();
                return java.util.Arrays.copyOf(all, maxBytes);
            }
        }
    }
}
