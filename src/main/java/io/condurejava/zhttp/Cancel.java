package io.condurejava.zhttp;

/** {@code type: cancel} — Abort of the addressed sessions; no fields. Immutable; any thread. */
public record Cancel() implements Payload {
    /** Wire name of this type. */
    public static final String TYPE = "cancel";

    @Override
    public String typeName() {
        return TYPE;
    }
}
