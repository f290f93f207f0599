package io.condurejava.zhttp;

/** {@code type: handoff-start} — Handler asks to hand the session over to another process; no fields. Immutable; any thread. */
public record HandoffStart() implements Payload {
    /** Wire name of this type. */
    public static final String TYPE = "handoff-start";

    @Override
    public String typeName() {
        return TYPE;
    }
}
