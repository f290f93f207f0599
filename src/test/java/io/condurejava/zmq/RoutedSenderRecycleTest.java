package io.condurejava.zmq;

import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.EncodedPacket;
import io.condurejava.zhttp.PacketBuffers;
import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.zmtp.ZmtpSocket;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ZeroMQ thread gives a routed packet's encoder buffer back only once the socket has taken (copied) it:
 * a packet parked because the handler's pipe was full keeps its buffer, and its bytes, until it is sent.
 */
class RoutedSenderRecycleTest {
    private static final byte[] HANDLER = "handler-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void aParkedPacketKeepsItsBufferUntilSent() throws Exception {
        Outbox outbox = new Outbox(8);
        List<byte[]> taken = new ArrayList<>();
        ZmtpSocket.Route[] answer = {ZmtpSocket.Route.FULL};
        RoutedSender sender = new RoutedSender((address, payload, offset, length) -> {
            if (answer[0] == ZmtpSocket.Route.SENT) {
                taken.add(Arrays.copyOfRange(payload, offset, offset + length)); // what a socket copies
            }
            return answer[0];
        }, outbox.routedQueue(), 8);

        EncodedPacket packet = ZhttpCodec.encodeInPlace(ZhttpPacket.of(null, "s-1", 3, false,
                Data.body("hello".getBytes(StandardCharsets.UTF_8), true)));
        byte[] wire = Arrays.copyOfRange(packet.bytes(), packet.offset(), packet.offset() + packet.length());
        int size = packet.bytes().length;
        while (PacketBuffers.kept(size) > 0) {
            PacketBuffers.take(size); // buffers other tests left in this class
        }
        int keptBefore = 0;
        assertTrue(outbox.sendRouted(HANDLER, packet, TimeUnit.SECONDS.toNanos(1)));

        sender.flush();
        assertTrue(sender.hasBlocked(), "the pipe was full: parked");
        assertEquals(keptBefore, PacketBuffers.kept(size), "a parked packet's buffer is not given back");

        answer[0] = ZmtpSocket.Route.SENT;
        sender.flush();
        assertEquals(1, taken.size());
        assertArrayEquals(wire, taken.get(0), "the bytes the socket took are the packet's");
        assertEquals(keptBefore + 1, PacketBuffers.kept(size), "given back once sent");
    }
}
