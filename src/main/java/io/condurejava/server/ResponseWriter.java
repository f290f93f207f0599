package io.condurejava.server;

import io.condurejava.http1.BadResponseException;
import io.condurejava.http1.ChunkedOutputStream;
import io.condurejava.http1.HttpHeader;
import io.condurejava.http1.RequestHead;
import io.condurejava.http1.ResponseHead;
import io.condurejava.http1.ResponseHeadWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes one HTTP response to the client from handler data: the head (framing decided by
 * {@link ResponseHeadWriter}), then body pieces in that framing. Never lets a body exceed its
 * declared Content-Length; a body that ends short or long makes the connection non-persistent.
 * Session thread only.
 */
final class ResponseWriter {
    private final OutputStream out;
    private ResponseHead head;
    private OutputStream body;
    private long remaining;
    private boolean intact = true;
    private boolean overflowed;

    ResponseWriter(OutputStream out) {
        this.out = out;
    }

    boolean started() {
        return head != null;
    }

    /** Writes the head and the first body piece; {@code complete} when the handler sent no {@code more}. */
    void start(RequestHead request, boolean requestPersistent, int code, String reason, List<HttpHeader> headers,
               byte[] firstBody, boolean complete) throws BadResponseException, IOException {
        head = ResponseHeadWriter.build(request, requestPersistent, code, reason, headers,
                complete ? firstBody.length : -1);
        out.write(head.bytes());
        switch (head.framing()) {
            case NO_BODY -> body = null;
            case CONTENT_LENGTH -> {
                body = out;
                remaining = head.contentLength();
            }
            case CHUNKED -> body = new ChunkedOutputStream(out);
            case UNTIL_CLOSE -> {
                body = out;
                remaining = -1;
            }
        }
        writeBody(firstBody);
    }

    /** Writes a body piece in the response's framing (dropped for responses without a body). */
    void writeBody(byte[] data) throws IOException {
        if (data.length == 0 || body == null) {
            return;
        }
        if (head.framing() == io.condurejava.http1.ResponseFramingKind.CONTENT_LENGTH) {
            int allowed = (int) Math.min(data.length, remaining);
            if (allowed < data.length) {
                intact = false;
                overflowed = true;
            }
            body.write(data, 0, allowed);
            remaining -= allowed;
        } else {
            body.write(data);
        }
    }

    /** True once the handler sent more body than its Content-Length: the response is over, the connection must go. */
    boolean overflowed() {
        return overflowed;
    }

    /** Ends the body and flushes; returns true if the connection may carry another request. */
    boolean finish() throws IOException {
        if (body instanceof ChunkedOutputStream chunked) {
            chunked.finish();
        }
        out.flush();
        if (head.framing() == io.condurejava.http1.ResponseFramingKind.CONTENT_LENGTH && remaining != 0) {
            intact = false;
        }
        return intact && head.persistent();
    }

    void flush() throws IOException {
        out.flush();
    }
}
