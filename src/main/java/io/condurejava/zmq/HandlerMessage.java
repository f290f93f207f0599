package io.condurejava.zmq;

import io.condurejava.zhttp.ZhttpPacket;

/**
 * One packet from a handler as delivered to one session: the packet and the id/seq entry that named
 * this session (a multi-id packet is delivered once per id). Immutable; made on the ZeroMQ thread.
 */
public record HandlerMessage(ZhttpPacket packet, String id, long seq) {}
