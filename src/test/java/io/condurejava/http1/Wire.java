package io.condurejava.http1;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Test helpers: strings as wire bytes, running requests through the codec; single thread. */
final class Wire {
    static final int MAX_HEADERS = 64;
    static final int TRAILER_BYTES = 256;
    static final int TRAILER_FIELDS = 4;

    private Wire() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static InputStream whole(String s) {
        return new ByteArrayInputStream(bytes(s));
    }

    static InputStream oneByteAtATime(String s) {
        return new TrickleInputStream(bytes(s), 1, 1);
    }

    /** Opens the body stream the framing calls for, or null when there is none. */
    static InputStream body(HttpInput in, RequestFraming framing) {
        return switch (framing) {
            case RequestFraming.NoBody none -> null;
            case RequestFraming.FixedLength fixed -> new FixedLengthInputStream(in, fixed.length());
            case RequestFraming.Chunked chunked -> new ChunkedInputStream(in, TRAILER_BYTES, TRAILER_FIELDS);
        };
    }

    static byte[] readAll(InputStream body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (body != null) {
            byte[] b = new byte[1000];
            int n;
            while ((n = body.read(b, 0, b.length)) >= 0) {
                out.write(b, 0, n);
            }
        }
        return out.toByteArray();
    }

    /** Reads every request (head, framing, body) until EOF; returns the violation, or null if all were fine. */
    static Violation firstViolation(InputStream source, int bufferSize) throws IOException {
        HttpInput in = new HttpInput(source, bufferSize);
        try {
            while (true) {
                RequestHead head = in.readRequestHead(MAX_HEADERS);
                if (head == null) {
                    return null;
                }
                readAll(body(in, RequestFraming.of(head)));
            }
        } catch (HttpViolationException e) {
            return e.violation();
        }
    }
}
