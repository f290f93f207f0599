package io.condurejava.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Splits PEM text (RFC 7468, plus the RFC 1421 headers of OpenSSL's legacy encrypted keys) into
 * labelled DER blocks. Text outside blocks is ignored, as OpenSSL does. Pure; any thread.
 */
final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /** One block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...), DER bytes, and whether it had headers. */
    record Block(String label, byte[] der, boolean hasHeaders) {
    }

    private Pem() {
    }

    static List<Block> parse(String text) throws BadPemException {
        List<Block> blocks = new ArrayList<>();
        String label = null;
        boolean headers = false;
        StringBuilder base64 = new StringBuilder();
        for (String raw : text.split("\r?\n|\r", -1)) {
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith(BEGIN) && line.endsWith(DASHES) && line.length() > BEGIN.length() + DASHES.length()) {
                    label = line.substring(BEGIN.length(), line.length() - DASHES.length());
                    headers = false;
                    base64.setLength(0);
                }
            } else if (line.startsWith(END)) {
                if (!line.equals(END + label + DASHES)) {
                    throw new BadPemException("PEM block " + label + " ends with " + line);
                }
                blocks.add(new Block(label, decode(label, base64), headers));
                label = null;
            } else if (line.indexOf(':') >= 0) {
                headers = true; // Proc-Type: 4,ENCRYPTED / DEK-Info: ...
            } else {
                base64.append(line);
            }
        }
        if (label != null) {
            throw new BadPemException("PEM block " + label + " has no END line");
        }
        return blocks;
    }

    private static byte[] decode(String label, StringBuilder base64) throws BadPemException {
        try {
            byte[] der = Base64.getDecoder().decode(base64.toString());
            if (der.length == 0) {
                throw new BadPemException("PEM block " + label + " is empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new BadPemException("PEM block " + label + " is not valid base64", e);
        }
    }
}
