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
    private static final byte[] STATUS_PREFIX = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
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
        if (body == null) {
            ctx.writeAndFlush(head(code, reason, headers)); // a 101: one array of its exact size, written at once
            return;
        }
        StringBuilder text = new StringBuilder(256).append("HTTP/1.1 ").append(code).append(' ').append(reason).append("\r\n");
        for (HttpHeader h : headers) {
            if (!h.is("Content-Length") && !h.is("Transfer-Encoding")) {
                text.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        text.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        ctx.output().write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        ctx.output().write(body);
        ctx.output().flush();
    }

    /**
     * {@code HTTP/1.1 CODE REASON}, the headers and the blank line, in Latin-1 (checked safe before), built
     * straight into an array of the exact size: every upgrade writes one, so no builder and no copies.
     */
    static byte[] head(int code, String reason, List<HttpHeader> headers) {
        int length = STATUS_PREFIX.length + 3 + 1 + reason.length() + 2 + 2;
        for (HttpHeader h : headers) {
            length += h.name().length() + 2 + h.value().length() + 2;
        }
        byte[] head = new byte[length];
        System.arraycopy(STATUS_PREFIX, 0, head, 0, STATUS_PREFIX.length);
        int at = STATUS_PREFIX.length;
        head[at++] = (byte) ('0' + code / 100);
        head[at++] = (byte) ('0' + code / 10 % 10);
        head[at++] = (byte) ('0' + code % 10);
        head[at++] = ' ';
        at = latin1(reason, head, at);
        head[at++] = '\r';
        head[at++] = '\n';
        for (HttpHeader h : headers) {
            at = latin1(h.name(), head, at);
            head[at++] = ':';
            head[at++] = ' ';
            at = latin1(h.value(), head, at);
            head[at++] = '\r';
            head[at++] = '\n';
        }
        head[at++] = '\r';
        head[at] = '\n';
        return head;
    }

    private static int latin1(String text, byte[] into, int at) {
        for (int i = 0; i < text.length(); i++) {
            into[at + i] = (byte) text.charAt(i);
        }
        return at + text.length();
    }
}
