package io.condurejava.server;

import io.condurejava.http1.HttpHeader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The few responses condure-java writes by itself (rejections of bad requests, 502 for an unusable
 * handler response): a status line, a short plain-text body, and {@code Connection: close}. Any thread.
 */
final class ErrorResponses {
    private ErrorResponses() {}

    static void write(OutputStream out, int status, String text) throws IOException {
        write(out, status, text, List.of());
    }

    /** The same with extra header fields (e.g. {@code Sec-WebSocket-Version} on a 426). */
    static void write(OutputStream out, int status, String text, List<HttpHeader> extra) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase(status))
                .append("\r\nContent-Type: text/plain; charset=utf-8\r\n");
        for (HttpHeader h : extra) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 417 -> "Expectation Failed";
            case 426 -> "Upgrade Required";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Error";
        };
    }
}
