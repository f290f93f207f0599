package io.condurejava.zhttp;

/** {@code type: keep-alive} — Session keep-alive (refreshes the session timer); no fields. Immutable; any thread. */
public record KeepAlive() implements Payload {
    /** Wire name of this type. */
    public static final String TYPE = "keep-alive";

    @Override
    public String typeName() {
        return TYPE;
    }
}
