package io.condurejava.server;

import io.condurejava.http1.HttpHeader;
import io.condurejava.ws.HandshakeViolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTTP answers to a WebSocket upgrade request: our refusal of an invalid handshake, and the handler's
 * accept (101) or rejection, checked before they are written (an unusable one becomes 502). Runs on the
 * connection's session thread.
 */
final class UpgradeResponses {
    private UpgradeResponses() {
    }

    /** Refuses an invalid handshake with its status ({@code Sec-WebSocket-Version: 13} with a bad version). */
    static void refuse(ConnectionContext ctx, HandshakeViolation violation) throws IOException {
        ctx.log().info("conn {}: WebSocket handshake refused with {}: {} ({})", ctx.connectionId(),
                violation.status(), violation.name(), violation.rule());
        if (violation == HandshakeViolation.UNSUPPORTED_VERSION) {
            ErrorResponses.write(ctx.output(), violation.status(), violation.description(),
                    List.of(new HttpHeader("Sec-WebSocket-Version", "13")));
        } else {
            ErrorResponses.write(ctx.output(), violation.status(), violation.description());
        }
    }

    /** Writes a status line and headers (and, for a rejection, a body with its length). */
    static void writeHead(ConnectionContext ctx, String id, int code, String reason, List<HttpHeader> headers, byte[] body)
            throws IOException {
        if (code < 100 || code > 599 || !ResponseText.isSafeReason(reason) || !ResponseText.areSafeHeaders(headers)) {
            ctx.log().warn("conn {}: unusable WebSocket answer from handler (status {})", id, code);
            ctx.writeBadGateway();
            return;
        }
        StringBuilder text = new StringBuilder(256).append("HTTP/1.1 ").append(code).append(' ').append(reason).append("\r\n");
        for (HttpHeader h : headers) {
            if (body != null && (h.is("Content-Length") || h.is("Transfer-Encoding"))) {
                continue;
            }
            text.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (body != null) {
            text.append("Content-Length: ").append(body.length).append("\r\n");
        }
        text.append("\r\n");
        ctx.output().write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            ctx.output().write(body);
        }
        ctx.output().flush();
    }
}
