package io.condurejava.pushpin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushpin's WebSocket-over-HTTP event format ({@code application/websocket-events}): each event is
 * {@code TYPE\r\n} or {@code TYPE <hex length>\r\n<content>\r\n}. Pure codec; any thread.
 */
final class WsEvents {
    static final String CONTENT_TYPE = "application/websocket-events";

    /** One event; {@code content} is null for events without content (OPEN, DISCONNECT). */
    record Event(String type, byte[] content) {
        static Event of(String type) {
            return new Event(type, null);
        }

        static Event text(String text) {
            return new Event("TEXT", text.getBytes(StandardCharsets.UTF_8));
        }

        String contentText() {
            return content == null ? "" : new String(content, StandardCharsets.UTF_8);
        }
    }

    private WsEvents() {
    }

    static byte[] encode(List<Event> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Event e : events) {
            out.writeBytes(e.type().getBytes(StandardCharsets.US_ASCII));
            if (e.content() != null) {
                String size = " " + Integer.toHexString(e.content().length) + "\r\n";
                out.writeBytes(size.getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(e.content());
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Decodes a whole body; throws IllegalArgumentException on malformed input. */
    static List<Event> decode(byte[] body) {
        List<Event> events = new ArrayList<>();
        int pos = 0;
        while (pos < body.length) {
            int eol = indexOfCrlf(body, pos);
            if (eol < 0) {
                throw new IllegalArgumentException("event line without CRLF at " + pos);
            }
            String line = new String(body, pos, eol - pos, StandardCharsets.US_ASCII);
            pos = eol + 2;
            int space = line.indexOf(' ');
            if (space < 0) {
                events.add(Event.of(line));
                continue;
            }
            int length = Integer.parseInt(line.substring(space + 1), 16);
            if (pos + length + 2 > body.length) {
                throw new IllegalArgumentException("truncated event content: " + line);
            }
            byte[] content = new byte[length];
            System.arraycopy(body, pos, content, 0, length);
            events.add(new Event(line.substring(0, space), content));
            pos += length + 2;
        }
        return events;
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
