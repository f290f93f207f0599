package io.condurejava.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little DER (ITU-T X.690) needed to wrap PKCS#1 and SEC1 keys into PKCS#8: reading
 * definite-length elements and writing a few types. Pure; any thread.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** SEC1 ECPrivateKey {@code parameters [0]}. */
    static final int CONTEXT_0 = 0xa0;
    /** SEC1 ECPrivateKey {@code publicKey [1]}. */
    static final int CONTEXT_1 = 0xa1;
    private static final int MAX_LENGTH_OCTETS = 4;

    /** One element of {@code source}: the tag, where its header starts, where its value starts and ends. */
    record Element(int tag, byte[] source, int start, int valueStart, int end) {
        byte[] value() {
            return Arrays.copyOfRange(source, valueStart, end);
        }

        byte[] encoded() {
            return Arrays.copyOfRange(source, start, end);
        }

        /** The elements inside a constructed element (SEQUENCE, [0], ...). */
        List<Element> children() throws BadPemException {
            List<Element> out = new ArrayList<>();
            for (int at = valueStart; at < end; ) {
                Element e = read(source, at, end);
                out.add(e);
                at = e.end;
            }
            return out;
        }
    }

    private Der() {
    }

    /** The single element filling all of {@code der}. */
    static Element parse(byte[] der) throws BadPemException {
        Element e = read(der, 0, der.length);
        if (e.end != der.length) {
            throw new BadPemException("trailing bytes after DER structure");
        }
        return e;
    }

    static Element read(byte[] b, int at, int limit) throws BadPemException {
        if (limit - at < 2) {
            throw new BadPemException("truncated DER");
        }
        int tag = b[at] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new BadPemException("unsupported DER tag");
        }
        int first = b[at + 1] & 0xff;
        int pos = at + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > MAX_LENGTH_OCTETS || limit - pos < n) {
                throw new BadPemException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (b[pos++] & 0xff);
            }
        }
        if (length > limit - pos) {
            throw new BadPemException("truncated DER");
        }
        return new Element(tag, b, at, pos, pos + (int) length);
    }

    /** Tag, length and the concatenated contents. */
    static byte[] encode(int tag, byte[]... contents) {
        int length = 0;
        for (byte[] c : contents) {
            length += c.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int n = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | n);
            for (int i = n - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] c : contents) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** An OBJECT IDENTIFIER element from dotted text such as {@code 1.2.840.10045.2.1}. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeArc(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeArc(out, Long.parseLong(arcs[i]));
        }
        return encode(OID, out.toByteArray());
    }

    /** Dotted text of an OBJECT IDENTIFIER element. */
    static String oidText(Element e) throws BadPemException {
        if (e.tag() != OID || e.end() == e.valueStart()) {
            throw new BadPemException("expected an OBJECT IDENTIFIER");
        }
        StringBuilder sb = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (int i = e.valueStart(); i < e.end(); i++) {
            int b = e.source()[i] & 0xff;
            if (arc > (Long.MAX_VALUE >>> 7)) {
                throw new BadPemException("OBJECT IDENTIFIER arc too large");
            }
            arc = (arc << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                if (first) {
                    long top = Math.min(arc / 40, 2);
                    sb.append(top).append('.').append(arc - 40 * top);
                    first = false;
                } else {
                    sb.append('.').append(arc);
                }
                arc = 0;
            }
        }
        return sb.toString();
    }

    private static void writeArc(ByteArrayOutputStream out, long arc) {
        int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(arc) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int b = (int) ((arc >>> (7 * i)) & 0x7f);
            out.write(i == 0 ? b : b | 0x80);
        }
    }
}
