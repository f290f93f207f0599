package io.condurejava.zmq;

import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the periodic keep-alive of every session whose handler is known, batched per handler address
 * in list-form packets of at most {@value #IDS_PER_PACKET} ids (reference §4.4). Runs on the ZeroMQ
 * thread. Each session's send lock is held from seq allocation until the batch is queued, so a
 * keep-alive never overtakes an earlier message of the same session.
 */
final class KeepAliveSweeper {
    private static final Logger log = LoggerFactory.getLogger("zhttp");
    static final int IDS_PER_PACKET = 128;

    private final SessionDirectory directory;
    private final Outbox outbox;
    private final String instanceId;

    KeepAliveSweeper(SessionDirectory directory, Outbox outbox, String instanceId) {
        this.directory = directory;
        this.outbox = outbox;
        this.instanceId = instanceId;
    }

    void sweep(long now) {
        Map<ByteBuffer, List<SessionHandle>> due = new HashMap<>();
        for (SessionHandle handle : directory.all()) {
            byte[] address = handle.handlerAddress();
            if (address != null && address.length > 0 && now - handle.keepAliveDueNanos() >= 0) {
                due.computeIfAbsent(ByteBuffer.wrap(address), a -> new ArrayList<>()).add(handle);
            }
        }
        for (Map.Entry<ByteBuffer, List<SessionHandle>> entry : due.entrySet()) {
            List<SessionHandle> handles = entry.getValue();
            for (int start = 0; start < handles.size(); start += IDS_PER_PACKET) {
                sendBatch(entry.getKey().array(), handles.subList(start, Math.min(handles.size(), start + IDS_PER_PACKET)), now);
            }
        }
    }

    private void sendBatch(byte[] address, List<SessionHandle> handles, long now) {
        List<SessionHandle> locked = new ArrayList<>(handles.size());
        List<IdSeq> ids = new ArrayList<>(handles.size());
        try {
            for (SessionHandle handle : handles) {
                if (handle.tryLockForKeepAlive()) {
                    locked.add(handle);
                    ids.add(new IdSeq(handle.id(), handle.takeSeqLocked()));
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            byte[] payload = ZhttpCodec.encode(new ZhttpPacket(instanceId, ids, true, new KeepAlive()));
            if (outbox.offerRouted(address, payload)) {
                long next = now + directory.keepAliveIntervalNanos();
                locked.forEach(h -> h.setKeepAliveDueNanos(next));
            } else {
                locked.forEach(SessionHandle::returnSeqLocked);
                log.debug("keep-alive batch of {} deferred: outgoing queue full", ids.size());
            }
        } finally {
            locked.forEach(SessionHandle::unlockKeepAlive);
        }
    }
}
