package io.condurejava.http1;

/**
 * Every rule this codec enforces on client input, with the status a server would answer and the
 * RFC section it comes from. Body violations (chunked framing, trailers) may surface after the
 * response has started, so their status is informative only. Immutable, any thread.
 */
public enum Violation {
    // --- line structure (RFC 9112 §2.2) ---
    BARE_LF(400, "RFC 9112 §2.2", "line ends in LF without CR"),
    BARE_CR(400, "RFC 9112 §2.2", "CR not followed by LF"),
    EMPTY_LINE_BEFORE_REQUEST(400, "RFC 9112 §2.2", "more than one empty line before the request-line"),

    // --- request line (RFC 9112 §3) ---
    REQUEST_LINE_TOO_LONG(414, "RFC 9112 §3", "request-line longer than the input buffer"),
    INVALID_REQUEST_LINE(400, "RFC 9112 §3", "request-line is not method SP request-target SP HTTP-version"),
    INVALID_METHOD(400, "RFC 9110 §9.1", "method is not a token"),
    MISSING_VERSION(400, "RFC 9112 §3", "request-line without HTTP-version (HTTP/0.9 style)"),
    INVALID_VERSION(400, "RFC 9112 §2.3", "HTTP-version is not HTTP/DIGIT.DIGIT"),
    UNSUPPORTED_VERSION(505, "RFC 9110 §15.6.6", "only HTTP/1.1 and HTTP/1.0 are supported"),
    INVALID_TARGET(400, "RFC 9112 §3.2", "request-target has a forbidden byte or matches no request-target form"),
    ASTERISK_FORM_NOT_OPTIONS(400, "RFC 9112 §3.2.4", "asterisk-form is only allowed with OPTIONS"),
    AUTHORITY_FORM_NOT_CONNECT(400, "RFC 9112 §3.2.3", "authority-form is only allowed with CONNECT"),
    CONNECT_TARGET_NOT_AUTHORITY(400, "RFC 9112 §3.2.3", "CONNECT requires authority-form host:port"),

    // --- header section (RFC 9112 §5, RFC 9110 §5) ---
    HEAD_TOO_LARGE(431, "RFC 6585 §5", "request head larger than the input buffer"),
    TOO_MANY_HEADERS(431, "RFC 6585 §5", "more header fields than allowed"),
    OBS_FOLD(400, "RFC 9112 §5.2", "obsolete line folding (field line starts with SP or HTAB)"),
    FIELD_WITHOUT_COLON(400, "RFC 9112 §5", "field line has no colon"),
    WHITESPACE_IN_FIELD_NAME(400, "RFC 9112 §5.1", "whitespace inside a field name or before the colon"),
    INVALID_FIELD_NAME(400, "RFC 9110 §5.1", "field name is empty or not a token"),
    INVALID_FIELD_VALUE(400, "RFC 9110 §5.5", "field value contains NUL, a control character or DEL"),

    // --- Host (RFC 9112 §3.2) ---
    MISSING_HOST(400, "RFC 9112 §3.2", "HTTP/1.1 request without Host"),
    DUPLICATE_HOST(400, "RFC 9112 §3.2", "more than one Host field line"),
    INVALID_HOST(400, "RFC 9112 §3.2", "Host is not uri-host [ \":\" port ]"),

    // --- message body length (RFC 9112 §6) ---
    INVALID_CONTENT_LENGTH(400, "RFC 9110 §8.6", "Content-Length is not 1*DIGIT"),
    CONTENT_LENGTH_OVERFLOW(400, "RFC 9110 §8.6", "Content-Length larger than 2^63-1"),
    CONFLICTING_CONTENT_LENGTH(400, "RFC 9112 §6.3", "Content-Length values differ"),
    CONTENT_LENGTH_WITH_TRANSFER_ENCODING(400, "RFC 9112 §6.1", "both Content-Length and Transfer-Encoding"),
    TRANSFER_ENCODING_IN_HTTP10(400, "RFC 9112 §6.1", "Transfer-Encoding in an HTTP/1.0 request"),
    INVALID_TRANSFER_ENCODING(400, "RFC 9112 §6.1", "Transfer-Encoding has an empty element, a non-token or chunked with parameters"),
    CHUNKED_NOT_FINAL(400, "RFC 9112 §6.3", "final transfer coding is not chunked"),
    CHUNKED_REPEATED(400, "RFC 9112 §7", "chunked applied more than once"),
    UNSUPPORTED_TRANSFER_CODING(501, "RFC 9112 §6.1", "transfer coding other than chunked (not implemented)"),

    // --- chunked body (RFC 9112 §7.1) ---
    INVALID_CHUNK_SIZE(400, "RFC 9112 §7.1", "chunk-size is not 1*HEXDIG directly followed by ';' or CRLF"),
    CHUNK_SIZE_OVERFLOW(400, "RFC 9112 §7.1", "chunk-size larger than 2^63-1"),
    INVALID_CHUNK_EXTENSION(400, "RFC 9112 §7.1.1", "chunk-ext is not ;token[=token|quoted-string] (no BWS)"),
    CHUNK_EXTENSION_TOO_LONG(400, "RFC 9112 §7.1.1", "chunk extensions longer than allowed"),
    MISSING_CHUNK_CRLF(400, "RFC 9112 §7.1", "chunk-data not followed by CRLF"),
    TRAILER_TOO_LARGE(400, "RFC 9112 §7.1.2", "trailer section larger than allowed"),
    TOO_MANY_TRAILERS(400, "RFC 9112 §7.1.2", "more trailer fields than allowed");

    private final int status;
    private final String rfcSection;
    private final String description;

    Violation(int status, String rfcSection, String description) {
        this.status = status;
        this.rfcSection = rfcSection;
        this.description = description;
    }

    /** The HTTP status code a server would answer with. */
    public int status() {
        return status;
    }

    /** The RFC section that states the rule, e.g. {@code RFC 9112 §6.3}. */
    public String rfcSection() {
        return rfcSection;
    }

    /** A short human description of the rule. */
    public String description() {
        return description;
    }

    HttpViolationException exception(String detail) {
        return new HttpViolationException(this, detail);
    }
}
