package io.condurejava.http1;

import java.io.IOException;

/**
 * Input broke an HTTP/1.1 rule; names the {@link Violation}. An IOException so that it passes
 * through body streams. Immutable, any thread.
 */
public final class HttpViolationException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Violation violation;
    private final String detail;

    public HttpViolationException(Violation violation, String detail) {
        super(violation.name() + " (" + violation.status() + ", " + violation.rfcSection() + "): "
                + violation.description() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.violation = violation;
        this.detail = detail == null ? "" : detail;
    }

    public HttpViolationException(Violation violation) {
        this(violation, "");
    }

    public Violation violation() {
        return violation;
    }

    /** Extra context (may be empty), e.g. the offending value. */
    public String detail() {
        return detail;
    }
}
