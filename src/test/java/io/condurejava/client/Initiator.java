package io.condurejava.client;

import static org.awaitility.Awaitility.await;

import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.ipc.EndpointHandle;
import io.condurejava.zmq.ipc.ZmqEndpoints;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A ZHTTP initiator (the handler side of client mode, what Pushpin is) on real JeroMQ sockets:
 * PUSH to {@code <base>-in}, ROUTER (identity = our address) to {@code <base>-in-stream},
 * SUB on {@code <base>-out} subscribed to {@code "<address> "}. One thread (the test's).
 */
final class Initiator implements AutoCloseable {
    private static int counter;

    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket push;
    private final ZMQ.Socket router;
    private final ZMQ.Socket sub;
    private final String address;
    private final String serverId;
    private final List<EndpointHandle> endpoints = new ArrayList<>();
    private final Map<String, ArrayDeque<ZhttpPacket>> received = new HashMap<>();
    private final Map<String, Long> outSeq = new HashMap<>();
    private int ids;

    Initiator(String base, String serverId) throws Exception {
        synchronized (Initiator.class) {
            address = "initiator-" + ProcessHandle.current().pid() + "-" + counter++;
        }
        this.serverId = serverId;
        push = context.createSocket(SocketType.PUSH);
        router = context.createSocket(SocketType.ROUTER);
        router.setIdentity(address.getBytes(StandardCharsets.UTF_8));
        router.setRouterMandatory(true);
        sub = context.createSocket(SocketType.SUB);
        sub.subscribe((address + " ").getBytes(StandardCharsets.UTF_8));
        for (ZMQ.Socket s : new ZMQ.Socket[] {push, router, sub}) {
            s.setLinger(0);
        }
        endpoints.add(ZmqEndpoints.connect(push, base + "-in"));
        endpoints.add(ZmqEndpoints.connect(router, base + "-in-stream"));
        endpoints.add(ZmqEndpoints.connect(sub, base + "-out"));
        waitUntilSubscribed();
    }

    String address() {
        return address;
    }

    /** Sends probe requests (an unsupported scheme, answered at once) until a reply comes back through SUB. */
    private void waitUntilSubscribed() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> {
            String id = start(Data.builder().method("GET").uri("probe://x/").build());
            return poll(id, 100) != null;
        });
    }

    /** Sends a session's first message (seq 0) through PUSH; returns its new id. */
    String start(Data request) {
        String id = "r" + ids++;
        outSeq.put(id, 1L);
        push.send(ZhttpCodec.encode(new ZhttpPacket(address, List.of(new IdSeq(id, 0)), false, request)));
        return id;
    }

    /** Sends a later message of the session through the ROUTER to the server's identity. */
    void send(String id, Payload payload) {
        long seq = outSeq.merge(id, 1L, Long::sum) - 1;
        byte[] packet = ZhttpCodec.encode(new ZhttpPacket(address, List.of(new IdSeq(id, seq)), false, payload));
        if (trySend(packet)) {
            return;
        }
        AtomicBoolean sent = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1)).until(() -> {
            sent.set(trySend(packet));
            return sent.get();
        });
    }

    /** One attempt: false while the ROUTER does not know the server's identity yet (or its pipe is full). */
    private boolean trySend(byte[] packet) {
        if (!router.send(serverId.getBytes(StandardCharsets.UTF_8), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
            return false;
        }
        router.send(new byte[0], ZMQ.SNDMORE);
        router.send(packet, 0);
        return true;
    }

    /** The next packet for {@code id}, waiting up to {@code millis}; null if none came. */
    ZhttpPacket poll(String id, long millis) throws Exception {
        ArrayDeque<ZhttpPacket> queue = received.computeIfAbsent(id, k -> new ArrayDeque<>());
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (queue.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            sub.setReceiveTimeOut((int) Math.max(1, left));
            byte[] frame = sub.recv();
            if (frame == null) {
                continue;
            }
            int space = indexOf(frame, (byte) ' ');
            ZhttpPacket p = ZhttpCodec.decode(frame, space + 1, frame.length - space - 1);
            received.computeIfAbsent(p.firstId(), k -> new ArrayDeque<>()).add(p);
        }
        return queue.poll();
    }

    /** The next packet for {@code id}; fails the test if none comes within 10 s. */
    ZhttpPacket next(String id) throws Exception {
        ZhttpPacket p = poll(id, 10_000);
        if (p == null) {
            throw new AssertionError("no packet for " + id + " within 10 s");
        }
        return p;
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        context.close();
        endpoints.forEach(EndpointHandle::close);
    }
}
