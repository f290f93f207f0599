package io.condurejava.http1;
/** One HTTP header field; name and value are ISO-8859-1 decodings of the wire bytes (lossless). Immutable; any thread. */
public record HttpHeader(String name, String value) {
    public boolean is(String otherName) { return name.equalsIgnoreCase(otherName); }
}
