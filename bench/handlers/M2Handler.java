import io.condurejava.zmq.ipc.ZmqEndpoints;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Benchmark Mongrel2 handler (tnetstring protocol) with the behaviour of BenchHandler: a request without a
 * body gets {@code 200 hello world}; a request with a body gets {@code <length> <sha256 hex>}; Mongrel2's
 * JSON messages (disconnects) are ignored. Each worker is one platform thread with its own PULL (Mongrel2's
 * send_spec) and PUB (its recv_spec) sockets.
 * Usage: {@code java -cp condure-java.jar bench/handlers/M2Handler.java ipc:///dir/m2-send ipc:///dir/m2-recv
 * [--threads 2]}. Prints {@code ready} once connected.
 */
public class M2Handler {
    static final byte[] HELLO = "hello world\n".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        String send = args[0];
        String recv = args[1];
        int threads = args.length > 3 && args[2].equals("--threads") ? Integer.parseInt(args[3]) : 2;
        List<Thread> workers = new ArrayList<>();
        var ready = new java.util.concurrent.CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> work(send, recv, ready), "m2-worker-" + i);
            t.start();
            workers.add(t);
        }
        ready.await();
        System.out.println("ready");
        System.out.flush();
        for (Thread t : workers) {
            t.join();
        }
    }

    static void work(String sendSpec, String recvSpec, java.util.concurrent.CountDownLatch ready) {
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
            ZMQ.Socket pub = ctx.createSocket(SocketType.PUB);
            pull.setRcvHWM(100_000);
            pub.setSndHWM(100_000);
            ZmqEndpoints.connect(pull, sendSpec);
            ZmqEndpoints.connect(pub, recvSpec);
            ready.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                byte[] msg = pull.recv();
                if (msg != null) {
                    byte[] reply = handle(msg);
                    if (reply != null) {
                        pub.send(reply);
                    }
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Parses {@code UUID ID PATH N:headers} N:body,} and builds the reply, or null for JSON messages. */
    static byte[] handle(byte[] m) throws Exception {
        int s1 = indexOf(m, (byte) ' ', 0);
        int s2 = indexOf(m, (byte) ' ', s1 + 1);
        int s3 = indexOf(m, (byte) ' ', s2 + 1);
        int colon = indexOf(m, (byte) ':', s3 + 1);
        int hlen = Integer.parseInt(new String(m, s3 + 1, colon - s3 - 1, StandardCharsets.US_ASCII));
        int hstart = colon + 1;
        String headers = new String(m, hstart, Math.min(hlen, 4096), StandardCharsets.ISO_8859_1);
        if (headers.contains("6:METHOD,4:JSON,")) {
            return null;
        }
        int bcolon = indexOf(m, (byte) ':', hstart + hlen + 1);
        int blen = Integer.parseInt(new String(m, hstart + hlen + 1, bcolon - hstart - hlen - 1, StandardCharsets.US_ASCII));
        byte[] body;
        if (blen > 0) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(m, bcolon + 1, blen);
            body = (blen + " " + HexFormat.of().formatHex(sha.digest()) + "\n").getBytes(StandardCharsets.US_ASCII);
        } else {
            body = HELLO;
        }
        String id = new String(m, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + body.length);
        out.write(m, 0, s1);
        out.writeBytes((" " + id.length() + ":" + id + ", HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("malformed Mongrel2 message");
    }
}
