package io.condurejava.http1;

/**
 * Parses one field line (RFC 9112 §5) from the input buffer, for headers and trailers alike:
 * {@code token ":" OWS value OWS}; no obs-fold, no whitespace in or after the name, no CTL other
 * than HTAB (and no DEL) in the value. Surrounding OWS is stripped. Pure function, any thread.
 */
final class FieldLineParser {
    private FieldLineParser() {
    }

    /** Parses b[start, end) (the line without its CRLF, non-empty). */
    static HttpHeader parse(byte[] b, int start, int end) throws HttpViolationException {
        byte first = b[start];
        if (first == Ascii.SP || first == Ascii.HTAB) {
            throw Violation.OBS_FOLD.exception(Ascii.show(b, start, end));
        }
        int i = start;
        while (i < end && Ascii.isTchar(b[i])) {
            i++;
        }
        if (i == end) {
            throw Violation.FIELD_WITHOUT_COLON.exception(Ascii.show(b, start, end));
        }
        byte c = b[i];
        if (c != ':') {
            Violation v = c == Ascii.SP || c == Ascii.HTAB ? Violation.WHITESPACE_IN_FIELD_NAME
                    : c == Ascii.CR ? Violation.BARE_CR
                    : Violation.INVALID_FIELD_NAME;
            throw v.exception(Ascii.show(b, start, end));
        }
        if (i == start) {
            throw Violation.INVALID_FIELD_NAME.exception("empty field name");
        }
        int nameEnd = i;
        for (int j = i + 1; j < end; j++) {
            if (!Ascii.isFieldContent(b[j])) {
                Violation v = b[j] == Ascii.CR ? Violation.BARE_CR : Violation.INVALID_FIELD_VALUE;
                throw v.exception(Ascii.latin1(b, start, nameEnd) + ": " + Ascii.show(b, nameEnd + 1, end));
            }
        }
        int vs = nameEnd + 1;
        int ve = end;
        while (vs < ve && (b[vs] == Ascii.SP || b[vs] == Ascii.HTAB)) {
            vs++;
        }
        while (ve > vs && (b[ve - 1] == Ascii.SP || b[ve - 1] == Ascii.HTAB)) {
            ve--;
        }
        return new HttpHeader(CommonFields.name(b, start, nameEnd), CommonFields.value(b, vs, ve));
    }
}
