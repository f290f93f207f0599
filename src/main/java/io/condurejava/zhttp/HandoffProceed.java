package io.condurejava.zhttp;

/** {@code type: handoff-proceed} — Reply to handoff-start: the session is paused and may be resumed by any sender; no fields. Immutable; any thread. */
public record HandoffProceed() implements Payload {
    /** Wire name of this type. */
    public static final String TYPE = "handoff-proceed";

    @Override
    public String typeName() {
        return TYPE;
    }
}
