package io.condurejava.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** Strict text-to-value conversions with Condure-style errors (plain decimal, octal, booleans). Pure; any thread. */
final class Values {
    /** Longest digit string parsed before declaring "value too large" (avoids long overflow). */
    private static final int MAX_DIGITS = 18;

    private Values() {
    }

    /** Parses an {@link Key.Kind#INT} key: plain decimal digits within the key's min..max. */
    static int integer(RawValue raw) throws ConfigException {
        long v = digits(raw, raw.text().strip(), 10);
        return (int) bounded(raw, v);
    }

    /** Parses an {@link Key.Kind#OCTAL} key: octal digits within the key's min..max. */
    static int octal(RawValue raw) throws ConfigException {
        long v = digits(raw, raw.text().strip(), 8);
        return (int) bounded(raw, v);
    }

    /** Parses a {@link Key.Kind#BOOL} key: {@code true} or {@code false}, any case. */
    static boolean bool(RawValue raw) throws ConfigException {
        String t = raw.text().strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true" -> true;
            case "false" -> false;
            default -> throw raw.error("not a boolean (expected true or false)");
        };
    }

    /** Parses a {@link Key.Kind#PATH} key: a non-empty path. */
    static Path path(RawValue raw) throws ConfigException {
        String t = raw.text().strip();
        if (t.isEmpty()) {
            throw raw.error("value cannot be empty");
        }
        try {
            return Path.of(t);
        } catch (InvalidPathException e) {
            throw raw.error("invalid path: " + e.getReason());
        }
    }

    /** Parses unsigned ASCII digits in {@code radix} (no sign, no spaces, no prefix). */
    static long digits(RawValue raw, String text, int radix) throws ConfigException {
        String what = radix == 8 ? "not an octal number" : "not a number";
        if (text.isEmpty()) {
            throw raw.error(what);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || c - '0' >= radix) {
                throw raw.error(what);
            }
        }
        String significant = text.replaceFirst("^0+(?=.)", "");
        if (significant.length() > MAX_DIGITS) {
            throw raw.error("value too large");
        }
        return Long.parseLong(significant, radix);
    }

    private static long bounded(RawValue raw, long v) throws ConfigException {
        Key k = raw.key();
        if (v > k.max) {
            throw raw.error("value too large");
        }
        if (v < k.min) {
            throw raw.error("value must be at least " + k.min);
        }
        return v;
    }
}
