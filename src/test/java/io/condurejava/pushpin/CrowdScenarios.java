package io.condurejava.pushpin;

import io.condurejava.testutil.RawClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many streaming clients at once, and clients that vanish mid-stream. Connections are opened and read
 * on virtual threads; publishing and assertions happen on the test thread.
 */
final class CrowdScenarios {
    static final int CROWD_CLIENTS = 300;
    static final int CROWD_MESSAGES = 5;
    static final int LEAVING_CLIENTS = 20;
    /** Streams opened at once; see {@link #openStreams}. */
    static final int WAVE_CLIENTS = 50;

    private CrowdScenarios() {
    }

    /**
     * Opens {@code n} streams on one channel, each past its initial line (so subscribed: Pushpin's
     * handler subscribes before it writes that line). They connect in waves of {@value #WAVE_CLIENTS}:
     * Pushpin's proxy hands each new hold to its handler over a ZeroMQ RPC whose send queue holds 100
     * requests, and a burst of hundreds of holds within milliseconds overflows it (those clients get
     * 502 from Pushpin, with Debian's Condure as with condure-java).
     */
    private static List<StreamClient> openStreams(ExecutorService pool, PushpinInstance p, String ch, int n)
            throws Exception {
        List<StreamClient> clients = new ArrayList<>();
        for (int wave = 0; wave < n; wave += WAVE_CLIENTS) {
            List<Future<StreamClient>> opening = new ArrayList<>();
            for (int i = wave; i < Math.min(n, wave + WAVE_CLIENTS); i++) {
                opening.add(pool.submit(() -> {
                    StreamClient c = new StreamClient(p.httpPort(), "/stream/" + ch);
                    assertEquals(200, c.readHead(), c.head());
                    assertEquals(GripOrigin.STREAM_START, c.nextLine());
                    return c;
                }));
            }
            for (Future<StreamClient> f : opening) {
                clients.add(f.get());
            }
        }
        return clients;
    }

    /** Each client reads {@code count} lines, in parallel; returns what each one got. */
    private static List<List<String>> readAll(ExecutorService pool, List<StreamClient> clients, int count)
            throws Exception {
        List<Future<List<String>>> reads = new ArrayList<>();
        for (StreamClient c : clients) {
            reads.add(pool.submit((Callable<List<String>>) () -> {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    got.add(c.nextLine());
                }
                return got;
            }));
        }
        List<List<String>> all = new ArrayList<>();
        for (Future<List<String>> f : reads) {
            all.add(f.get());
        }
        return all;
    }

    private static void closeAll(List<StreamClient> clients) {
        for (StreamClient c : clients) {
            try {
                c.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    /** Hundreds of concurrent streams on one channel all receive every message, in order. */
    static String manyStreams(PushpinInstance p) throws Exception {
        String ch = GripScenarios.channel("crowd");
        List<StreamClient> clients = List.of();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            clients = openStreams(pool, p, ch, CROWD_CLIENTS);
            List<String> sent = GripScenarios.messages("c", CROWD_MESSAGES);
            for (String m : sent) {
                p.publisher().stream(ch, m + "\n");
            }
            List<List<String>> got = readAll(pool, clients, sent.size());
            for (List<String> g : got) {
                assertEquals(sent, g);
            }
            return clients.size() + " clients got " + String.join(",", sent);
        } finally {
            closeAll(clients);
        }
    }

    /**
     * Half of the streams vanish after the first message (some with a TCP reset, some with a FIN);
     * the others still get every later message and new requests are served.
     */
    static String clientsLeaveMidStream(PushpinInstance p) throws Exception {
        String ch = GripScenarios.channel("leave");
        List<StreamClient> clients = List.of();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            clients = openStreams(pool, p, ch, LEAVING_CLIENTS);
            p.publisher().stream(ch, "d1\n");
            for (List<String> g : readAll(pool, clients, 1)) {
                assertEquals(List.of("d1"), g);
            }
            List<StreamClient> staying = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                StreamClient c = clients.get(i);
                switch (i % 4) {
                    case 0 -> c.abort();
                    case 1 -> c.close();
                    default -> staying.add(c);
                }
            }
            List<String> later = List.of("d2", "d3", "d4");
            for (String m : later) {
                p.publisher().stream(ch, m + "\n");
            }
            for (List<String> g : readAll(pool, staying, later.size())) {
                assertEquals(later, g);
            }
            try (RawClient c = new RawClient(p.httpPort())) {
                RawClient.Response r = c.send("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").readResponse();
                assertEquals(200, r.status(), r.rawHead());
            }
            return staying.size() + " of " + clients.size() + " stayed and got " + String.join(",", later);
        } finally {
            closeAll(clients);
        }
    }
}
