package io.condurejava.http1;

import java.nio.charset.StandardCharsets;

/** Byte classes from RFC 9110/9112/3986 as lookup tables, and small byte helpers; any thread. */
final class Ascii {
    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte SP = ' ';
    static final byte HTAB = '\t';
    /** Longest excerpt of peer input put in a message, in chars. */
    static final int SHOW_MAX_CHARS = 64;

    private static final boolean[] TCHAR = new boolean[256];
    /** HTAB, SP, VCHAR, obs-text: what a field value may contain. */
    private static final boolean[] FIELD_CONTENT = new boolean[256];
    /** VCHAR except '#': what a request-target may contain. */
    private static final boolean[] TARGET = new boolean[256];
    /** unreserved / sub-delims (reg-name without pct-encoded). */
    private static final boolean[] REG_NAME = new boolean[256];
    private static final byte[] HEX_VALUE = new byte[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        FIELD_CONTENT[HTAB] = true;
        for (int c = 0x20; c < 0x7F; c++) {
            FIELD_CONTENT[c] = true;
        }
        for (int c = 0x80; c < 0x100; c++) {
            FIELD_CONTENT[c] = true;
        }
        for (int c = 0x21; c < 0x7F; c++) {
            TARGET[c] = c != '#';
        }
        for (int c = 0; c < 128; c++) {
            REG_NAME[c] = Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=".indexOf(c) >= 0;
        }
        java.util.Arrays.fill(HEX_VALUE, (byte) -1);
        for (int c = 0; c < 16; c++) {
            HEX_VALUE["0123456789abcdef".charAt(c)] = (byte) c;
            HEX_VALUE["0123456789ABCDEF".charAt(c)] = (byte) c;
        }
    }

    private Ascii() {
    }

    static boolean isTchar(byte b) {
        return TCHAR[b & 0xFF];
    }

    static boolean isTchar(char c) {
        return c < 256 && TCHAR[c];
    }

    static boolean isFieldContent(byte b) {
        return FIELD_CONTENT[b & 0xFF];
    }

    static boolean isFieldContent(char c) {
        return c < 256 && FIELD_CONTENT[c];
    }

    static boolean isTargetChar(byte b) {
        return TARGET[b & 0xFF];
    }

    static boolean isRegNameChar(char c) {
        return c < 128 && REG_NAME[c];
    }

    /** 0-15 for a hex digit, -1 otherwise. */
    static int hexValue(byte b) {
        return HEX_VALUE[b & 0xFF];
    }

    static boolean isHex(char c) {
        return c < 256 && HEX_VALUE[c] >= 0;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** Is every char of s a tchar (and s non-empty)? */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /**
     * Printable form of a string for log messages and exception details: printable ASCII as is,
     * anything else as a backslash escape ({@code x} and two hex digits, or {@code u} and four above
     * U+00FF), at most {@link #SHOW_MAX_CHARS} chars, so text from a peer never breaks or forges a log line.
     */
    static String show(String s) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(s.length(), SHOW_MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else if (c <= 0xFF) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        if (end < s.length()) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** Printable form of bytes for violation details (non-printables as \xNN), at most 64 bytes. */
    static String show(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(to, from + SHOW_MAX_CHARS);
        for (int i = from; i < end; i++) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        if (end < to) {
            sb.append("...");
        }
        return sb.toString();
    }
}
