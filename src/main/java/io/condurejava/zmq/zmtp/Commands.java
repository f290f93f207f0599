package io.condurejava.zmq.zmtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ZMTP command bodies: READY (with its metadata properties), PING and PONG, and the command name of any body.
 * Pure functions; any thread.
 */
final class Commands {
    static final String READY = "READY";
    static final String PING = "PING";
    static final String PONG = "PONG";
    static final String ERROR = "ERROR";
    static final String SOCKET_TYPE = "Socket-Type";
    static final String IDENTITY = "Identity";
    /** A PING's context is at most 16 bytes, after the name and a 2-byte TTL (RFC 37). */
    private static final int PING_TTL_BYTES = 2;
    private static final int PING_CONTEXT_MAX = 16;

    /** A malformed command body. */
    static final class BadCommand extends Exception {
        BadCommand(String message) {
            super(message);
        }
    }

    private Commands() {
    }

    /** The body of our READY: only the Socket-Type property. */
    static byte[] ready(String socketType) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeName(body, READY);
        writeName(body, SOCKET_TYPE);
        byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
        body.write(value.length >>> 24);
        body.write(value.length >>> 16);
        body.write(value.length >>> 8);
        body.write(value.length);
        body.writeBytes(value);
        return body.toByteArray();
    }

    /** The command's name (the length-prefixed string at the start of its body). */
    static String name(byte[] body) throws BadCommand {
        if (body.length < 1 || body.length < 1 + (body[0] & 0xFF)) {
            throw new BadCommand("command body shorter than its name");
        }
        return new String(body, 1, body[0] & 0xFF, StandardCharsets.US_ASCII);
    }

    /** The properties of a READY body (names as sent; later duplicates win). */
    static Map<String, byte[]> readyProperties(byte[] body) throws BadCommand {
        Map<String, byte[]> properties = new LinkedHashMap<>();
        int at = 1 + (body[0] & 0xFF);
        while (at < body.length) {
            int nameLength = body[at] & 0xFF;
            if (at + 1 + nameLength + 4 > body.length) {
                throw new BadCommand("READY property cut short");
            }
            String name = new String(body, at + 1, nameLength, StandardCharsets.US_ASCII);
            at += 1 + nameLength;
            long valueLength = ((body[at] & 0xFFL) << 24) | ((body[at + 1] & 0xFF) << 16)
                    | ((body[at + 2] & 0xFF) << 8) | (body[at + 3] & 0xFF);
            at += 4;
            if (valueLength > body.length - at) {
                throw new BadCommand("READY property " + name + " longer than the command");
            }
            byte[] value = new byte[(int) valueLength];
            System.arraycopy(body, at, value, 0, value.length);
            at += value.length;
            properties.put(name, value);
        }
        return properties;
    }

    /** The PONG answering a PING body: the PING's context echoed back (RFC 37). */
    static byte[] pongFor(byte[] ping) {
        int contextAt = 1 + PING.length() + PING_TTL_BYTES;
        int contextLength = Math.max(0, Math.min(PING_CONTEXT_MAX, ping.length - contextAt));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeName(body, PONG);
        if (contextLength > 0) {
            body.write(ping, contextAt, contextLength);
        }
        return body.toByteArray();
    }

    /** Whether a peer of type {@code peerType} may talk to our socket of type {@code ours} (RFC 28/29/30). */
    static boolean compatible(String ours, String peerType) {
        return switch (ours) {
            case "PUSH" -> peerType.equals("PULL");
            case "ROUTER" -> peerType.equals("DEALER") || peerType.equals("REQ") || peerType.equals("ROUTER");
            case "SUB" -> peerType.equals("PUB") || peerType.equals("XPUB");
            default -> false;
        };
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
