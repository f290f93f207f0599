package io.condurejava.zhttp;

/** {@code type: credit} — grants the receiver {@code credits} more bytes of content. Immutable; any thread. */
public record Credit(int credits) implements Payload {
    /** Wire name of this type. */
    public static final String TYPE = "credit";

    public Credit {
        if (credits < 0) {
            throw new IllegalArgumentException("credits must be >= 0, got " + credits);
        }
    }

    @Override
    public String typeName() {
        return TYPE;
    }
}
