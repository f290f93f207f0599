package io.condurejava.zhttp;

/** Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF). Pure function; any thread. */
final class Utf8 {
    private Utf8() {
    }

    /** True if {@code buf[start, end)} is well-formed UTF-8. */
    static boolean isValid(byte[] buf, int start, int end) {
        int i = start;
        while (i < end) {
            int b = buf[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xff;
            int need;
            int min;
            if (b >= 0xc2 && b <= 0xdf) {
                need = 1;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                need = 2;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                need = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (end - i <= need) {
                return false;
            }
            int cp = b & (0x3f >> need);
            for (int k = 1; k <= need; k++) {
                int c = buf[i + k] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }
}
