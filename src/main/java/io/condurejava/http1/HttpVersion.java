package io.condurejava.http1;

/** The two HTTP versions this codec speaks; immutable, any thread. */
public enum HttpVersion {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** The version as written on the wire, e.g. {@code HTTP/1.1}. */
    public String text() {
        return text;
    }
}
