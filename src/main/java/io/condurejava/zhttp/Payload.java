package io.condurejava.zhttp;

/** The type-specific part of a ZHTTP packet; a closed set of immutable records. Any thread. */
public sealed interface Payload
        permits Data, ErrorPacket, Credit, KeepAlive, Cancel, HandoffStart, HandoffProceed, Close, Ping, Pong {

    /** Wire name of the type ("data" for data packets, which are written without a {@code type} field). */
    String typeName();
}
