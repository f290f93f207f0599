package io.condurejava.http1;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an origin's response head from an {@link HttpInput} (client mode), as strictly as the
 * request parser: {@code HTTP/1.0} or {@code HTTP/1.1}, SP, three digits 100–599, then SP and a
 * reason of HTAB/SP/VCHAR/obs-text (the SP and reason may be absent, RFC 9112 §4); CRLF line ends
 * only; header field lines by the same rules as requests (no obs-fold, token names, no controls);
 * the whole head within {@code maxHeadBytes} and {@code maxHeaders}. Bytes after the head stay in
 * the HttpInput for the body readers. Used by the exchange's thread.
 */
public final class ResponseHeadParser {
    private static final int STATUS_LINE_MIN_BYTES = "HTTP/1.1 200".length();
    private static final int CODE_MIN = 100;
    private static final int CODE_MAX = 599;

    private ResponseHeadParser() {
    }

    /**
     * Reads one response head.
     *
     * @throws MalformedResponseException when the head breaks a rule or is too large
     * @throws java.io.EOFException when the connection ends before the head is complete
     */
    public static IncomingResponseHead read(HttpInput in, int maxHeadBytes, int maxHeaders) throws IOException {
        int used = 0;
        IncomingResponseHead status = null;
        List<HttpHeader> headers = new ArrayList<>();
        while (true) {
            int lf = in.fillLine(maxHeadBytes - used, "response head");
            if (lf < 0) {
                throw new MalformedResponseException("response head larger than " + Math.min(maxHeadBytes, in.bufferSize()) + " bytes");
            }
            int start = in.pos;
            int end = lf - 1;
            if (end < start || in.buf[end] != Ascii.CR) {
                throw new MalformedResponseException("line ends in LF without CR: " + Ascii.show(in.buf, start, lf));
            }
            used += lf + 1 - start;
            in.pos = lf + 1;
            if (status == null) {
                status = statusLine(in.buf, start, end);
            } else if (end == start) {
                return new IncomingResponseHead(status.version(), status.code(), status.reason(), headers);
            } else {
                if (headers.size() >= maxHeaders) {
                    throw new MalformedResponseException("more than " + maxHeaders + " response header fields");
                }
                try {
                    headers.add(FieldLineParser.parse(in.buf, start, end));
                } catch (HttpViolationException e) {
                    throw new MalformedResponseException("bad response header: " + e.getMessage(), e);
                }
            }
        }
    }

    static IncomingResponseHead statusLine(byte[] b, int start, int end) throws MalformedResponseException {
        if (end - start < STATUS_LINE_MIN_BYTES || b[start + 8] != ' ') {
            throw badStatus(b, start, end);
        }
        String version = Ascii.latin1(b, start, start + 8);
        HttpVersion v = version.equals("HTTP/1.1") ? HttpVersion.HTTP_1_1
                : version.equals("HTTP/1.0") ? HttpVersion.HTTP_1_0 : null;
        if (v == null) {
            throw badStatus(b, start, end);
        }
        int code = 0;
        for (int i = start + 9; i < start + 12; i++) {
            if (b[i] < '0' || b[i] > '9') {
                throw badStatus(b, start, end);
            }
            code = code * 10 + (b[i] - '0');
        }
        if (code < CODE_MIN || code > CODE_MAX) {
            throw badStatus(b, start, end);
        }
        String reason = "";
        if (end > start + 12) {
            if (b[start + 12] != ' ') {
                throw badStatus(b, start, end);
            }
            for (int i = start + 13; i < end; i++) {
                if (!Ascii.isFieldContent(b[i])) {
                    throw badStatus(b, start, end);
                }
            }
            reason = Ascii.latin1(b, start + 13, end);
        }
        return new IncomingResponseHead(v, code, reason, List.of());
    }

    private static MalformedResponseException badStatus(byte[] b, int start, int end) {
        return new MalformedResponseException("invalid status line: " + Ascii.show(b, start, end));
    }
}
