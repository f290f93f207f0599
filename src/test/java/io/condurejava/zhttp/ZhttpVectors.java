package io.condurejava.zhttp;

import io.condurejava.http1.HttpHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Wire examples from zhttp-reference.md §4.4, §4.5, §5.2, §11 and Condure's unit tests, with their packets. */
final class ZhttpVectors {
    /** One example: exact wire bytes and the packet they mean. */
    record Vector(String name, byte[] wire, ZhttpPacket packet) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ZhttpVectors() {
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static HttpHeader h(String name, String value) {
        return new HttpHeader(name, value);
    }

    /** Deterministic filler standing in for the elided {@code <N bytes>} bodies. */
    static byte[] filler(int n, int salt) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + salt);
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    private static ZhttpPacket pkt(String from, String id, long seq, boolean multi, Payload p) {
        return ZhttpPacket.of(from, id, seq, multi, p);
    }

    private static Vector v(String name, String wire, ZhttpPacket p) {
        return new Vector(name, latin1(wire), p);
    }

    private static Vector bodyVector(String name, String head, byte[] body, String tail, ZhttpPacket p) {
        return new Vector(name, concat(latin1(head), body, latin1(tail)), p);
    }

    /** Condure → handler messages (all carry ext.multi). */
    static List<Vector> condureMessages() {
        List<Vector> out = new ArrayList<>();
        out.add(v("11.1 initial GET",
                "T294:4:from,7:condure,2:id,5:0-0-0,3:seq,1:0#3:ext,15:5:multi,4:true!}6:method,3:GET,3:uri,33:http://example.com:18100/path?x=1,7:headers,76:28:4:Host,17:example.com:18100,]21:10:User-Agent,4:test,]15:6:Accept,3:*/*,]]7:credits,4:8192#6:stream,4:true!12:peer-address,9:127.0.0.1,9:peer-port,5:52108#}",
                pkt("condure", "0-0-0", 0, true, Data.request("GET", "http://example.com:18100/path?x=1",
                        List.of(h("Host", "example.com:18100"), h("User-Agent", "test"), h("Accept", "*/*")),
                        8192, false, true, "127.0.0.1", 52108))));
        out.add(v("11.2 initial POST",
                "T330:4:from,7:condure,2:id,5:0-1-5,3:seq,1:0#3:ext,15:5:multi,4:true!}6:method,4:POST,3:uri,25:http://example.com/upload,7:headers,105:22:4:Host,11:example.com,]44:12:Content-Type,24:application/octet-stream,]27:14:Content-Length,6:300000,]]7:credits,4:8192#4:more,4:true!6:stream,4:true!12:peer-address,9:127.0.0.1,9:peer-port,4:9116#}",
                pkt("condure", "0-1-5", 0, true, Data.request("POST", "http://example.com/upload",
                        List.of(h("Host", "example.com"), h("Content-Type", "application/octet-stream"),
                                h("Content-Length", "300000")),
                        8192, true, true, "127.0.0.1", 9116))));
        byte[] b8084 = filler(8084, 1);
        out.add(bodyVector("11.2 body seq 1",
                "T8176:4:from,7:condure,2:id,5:0-1-5,3:seq,1:1#3:ext,15:5:multi,4:true!}4:body,8084:", b8084,
                ",4:more,4:true!}", pkt("condure", "0-1-5", 1, true, Data.body(b8084, true))));
        byte[] b8192 = filler(8192, 2);
        out.add(bodyVector("11.2 body seq 2",
                "T8284:4:from,7:condure,2:id,5:0-1-5,3:seq,1:2#3:ext,15:5:multi,4:true!}4:body,8192:", b8192,
                ",4:more,4:true!}", pkt("condure", "0-1-5", 2, true, Data.body(b8192, true))));
        byte[] b3500 = filler(3500, 3);
        out.add(bodyVector("11.2 body seq 25",
                "T3593:4:from,7:condure,2:id,5:0-1-5,3:seq,2:25#3:ext,15:5:multi,4:true!}4:body,3500:", b3500,
                ",4:more,4:true!}", pkt("condure", "0-1-5", 25, true, Data.body(b3500, true))));
        byte[] b1804 = filler(1804, 4);
        out.add(bodyVector("11.2 last body seq 50",
                "T1883:4:from,7:condure,2:id,5:0-1-5,3:seq,2:50#3:ext,15:5:multi,4:true!}4:body,1804:", b1804,
                ",}", pkt("condure", "0-1-5", 50, true, Data.body(b1804, false))));
        out.add(v("11.2 credit",
                "T99:4:from,7:condure,2:id,5:0-1-5,3:seq,2:51#3:ext,15:5:multi,4:true!}4:type,6:credit,7:credits,4:8192#}",
                pkt("condure", "0-1-5", 51, true, new Credit(8192))));
        List<HttpHeader> wsHeaders = List.of(h("Host", "example.com"), h("Upgrade", "websocket"),
                h("Connection", "Upgrade"), h("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                h("Sec-WebSocket-Version", "13"));
        out.add(v("11.3 websocket initial",
                "T359:4:from,7:condure,2:id,6:0-7-85,3:seq,1:0#3:ext,15:5:multi,4:true!}6:method,3:GET,3:uri,21:ws://example.com/chat,7:headers,167:22:4:Host,11:example.com,]22:7:Upgrade,9:websocket,]24:10:Connection,7:Upgrade,]49:17:Sec-WebSocket-Key,24:dGhlIHNhbXBsZSBub25jZQ==,]30:21:Sec-WebSocket-Version,2:13,]]7:credits,4:8192#12:peer-address,9:127.0.0.1,9:peer-port,5:44968#}",
                pkt("condure", "0-7-85", 0, true, Data.request("GET", "ws://example.com/chat", wsHeaders, 8192,
                        false, false, "127.0.0.1", 44968))));
        out.add(v("5.2 websocket initial",
                "T357:4:from,7:condure,2:id,5:0-0-a,3:seq,1:0#3:ext,15:5:multi,4:true!}6:method,3:GET,3:uri,21:ws://example.com/chat,7:headers,167:22:4:Host,11:example.com,]22:7:Upgrade,9:websocket,]24:10:Connection,7:Upgrade,]49:17:Sec-WebSocket-Key,24:dGhlIHNhbXBsZSBub25jZQ==,]30:21:Sec-WebSocket-Version,2:13,]]7:credits,4:8192#12:peer-address,9:127.0.0.1,9:peer-port,4:1560#}",
                pkt("condure", "0-0-a", 0, true, Data.request("GET", "ws://example.com/chat", wsHeaders, 8192,
                        false, false, "127.0.0.1", 1560))));
        out.add(v("11.3 text message",
                "T104:4:from,7:condure,2:id,6:0-7-85,3:seq,1:1#3:ext,15:5:multi,4:true!}12:content-type,4:text,4:body,5:hello,}",
                pkt("condure", "0-7-85", 1, true, Data.message("text", latin1("hello"), false))));
        out.add(v("11.3 credit 5",
                "T96:4:from,7:condure,2:id,6:0-7-85,3:seq,1:2#3:ext,15:5:multi,4:true!}4:type,6:credit,7:credits,1:5#}",
                pkt("condure", "0-7-85", 2, true, new Credit(5))));
        out.add(v("11.3 ping",
                "T92:4:from,7:condure,2:id,6:0-7-85,3:seq,1:3#3:ext,15:5:multi,4:true!}4:type,4:ping,4:body,2:p1,}",
                pkt("condure", "0-7-85", 3, true, new Ping(latin1("p1"), 0))));
        out.add(v("11.3 credit 2",
                "T96:4:from,7:condure,2:id,6:0-7-85,3:seq,1:4#3:ext,15:5:multi,4:true!}4:type,6:credit,7:credits,1:2#}",
                pkt("condure", "0-7-85", 4, true, new Credit(2))));
        out.add(v("11.3 close",
                "T108:4:from,7:condure,2:id,6:0-7-85,3:seq,1:5#3:ext,15:5:multi,4:true!}4:type,5:close,4:code,4:1000#4:body,3:bye,}",
                pkt("condure", "0-7-85", 5, true, Close.of(1000, "bye"))));
        out.add(v("11.4 cancel",
                "T82:4:from,7:condure,2:id,6:0-1-10,3:seq,1:4#3:ext,15:5:multi,4:true!}4:type,6:cancel,}",
                pkt("condure", "0-1-10", 4, true, new Cancel())));
        out.add(v("4.4 batched keep-alive",
                "T127:4:from,8:condurec,2:id,54:23:2:id,5:0-0-4,3:seq,1:1#}23:2:id,5:0-1-5,3:seq,1:1#}]3:ext,15:5:multi,4:true!}4:type,10:keep-alive,}",
                new ZhttpPacket("condurec", List.of(new IdSeq("0-0-4", 1), new IdSeq("0-1-5", 1)), true,
                        new KeepAlive())));
        out.add(v("4.4 single keep-alive",
                "T87:4:from,7:condure,2:id,6:0-1-11,3:seq,1:4#3:ext,15:5:multi,4:true!}4:type,10:keep-alive,}",
                pkt("condure", "0-1-11", 4, true, new KeepAlive())));
        out.add(v("4.5 handoff-proceed",
                "T92:4:from,7:condure,2:id,6:0-0-72,3:seq,1:2#3:ext,15:5:multi,4:true!}4:type,15:handoff-proceed,}",
                pkt("condure", "0-0-72", 2, true, new HandoffProceed())));
        return out;
    }

    /** Handler → Condure messages (PUB address prefix removed) that our encoder also reproduces exactly. */
    static List<Vector> handlerMessages() {
        List<Vector> out = new ArrayList<>();
        List<HttpHeader> textPlain = List.of(h("Content-Type", "text/plain"));
        out.add(v("11.1 response",
                "T133:4:from,2:h1,2:id,5:0-0-0,3:seq,1:0#4:code,3:200#6:reason,2:OK,7:headers,34:30:12:Content-Type,10:text/plain,]]4:body,12:hello world\n,}",
                pkt("h1", "0-0-0", 0, false, Data.response(200, "OK", textPlain, latin1("hello world\n"), false, 0))));
        out.add(v("11.2 handler credit",
                "T71:4:from,3:hb2,2:id,5:0-1-5,3:seq,1:0#4:type,6:credit,7:credits,6:200000#}",
                pkt("hb2", "0-1-5", 0, false, new Credit(200000))));
        out.add(v("11.2 handler credit 8084",
                "T69:4:from,3:hb2,2:id,5:0-1-5,3:seq,1:1#4:type,6:credit,7:credits,4:8084#}",
                pkt("hb2", "0-1-5", 1, false, new Credit(8084))));
        byte[] r1 = filler(8192, 5);
        out.add(bodyVector("11.2 response start",
                "T8331:4:from,3:hb2,2:id,5:0-1-5,3:seq,2:51#4:code,3:200#6:reason,2:OK,7:headers,34:30:12:Content-Type,10:text/plain,]]4:body,8192:",
                r1, ",4:more,4:true!}",
                pkt("hb2", "0-1-5", 51, false, Data.response(200, "OK", textPlain, r1, true, 0))));
        byte[] r2 = filler(8192, 6);
        out.add(bodyVector("11.2 response body", "T8256:4:from,3:hb2,2:id,5:0-1-5,3:seq,2:52#4:body,8192:", r2,
                ",4:more,4:true!}", pkt("hb2", "0-1-5", 52, false, Data.body(r2, true))));
        byte[] r3 = filler(3616, 7);
        out.add(bodyVector("11.2 response end", "T3666:4:from,3:hb2,2:id,5:0-1-5,3:seq,2:53#4:body,3616:", r3,
                ",}", pkt("hb2", "0-1-5", 53, false, Data.body(r3, false))));
        out.add(v("11.3 echo",
                "T80:4:from,8:handler1,2:id,6:0-7-85,3:seq,1:1#12:content-type,4:text,4:body,5:hello,}",
                pkt("handler1", "0-7-85", 1, false, Data.message("text", latin1("hello"), false))));
        out.add(v("11.3 pong",
                "T68:4:from,8:handler1,2:id,6:0-7-85,3:seq,1:2#4:type,4:pong,4:body,2:p1,}",
                pkt("handler1", "0-7-85", 2, false, new Pong(latin1("p1"), 0))));
        out.add(v("11.3 handler close",
                "T71:4:from,8:handler1,2:id,6:0-7-85,3:seq,1:3#4:type,5:close,4:code,4:1000#}",
                pkt("handler1", "0-7-85", 3, false, new Close(1000, null))));
        out.add(v("4.5 handoff-start",
                "T65:4:from,7:he19217,2:id,6:0-0-72,3:seq,1:1#4:type,13:handoff-start,}",
                pkt("he19217", "0-0-72", 1, false, new HandoffStart())));
        out.add(v("4.5 resume keep-alive",
                "T64:4:from,9:he19217-b,2:id,6:0-0-72,3:seq,1:2#4:type,10:keep-alive,}",
                pkt("he19217-b", "0-0-72", 2, false, new KeepAlive())));
        out.add(v("4.5 resumed body",
                "T54:4:from,9:he19217-b,2:id,6:0-0-72,3:seq,1:3#4:body,1:b,}",
                pkt("he19217-b", "0-0-72", 3, false, Data.body(latin1("b"), false))));
        // Condure's own serializer unit tests (zhttppacket.rs)
        out.add(v("condure test request",
                "T161:4:from,6:client,2:id,1:1,3:seq,1:0#6:method,4:POST,3:uri,23:http://example.com/path,7:headers,34:30:12:Content-Type,10:text/plain,]]4:body,5:hello,4:more,4:true!}",
                pkt("client", "1", 0, false, Data.builder().method("POST").uri("http://example.com/path")
                        .headers(textPlain).body(latin1("hello")).more(true).build())));
        out.add(v("condure test response",
                "T139:4:from,6:server,2:id,1:1,3:seq,1:0#4:code,3:200#6:reason,2:OK,7:headers,34:30:12:Content-Type,10:text/plain,]]4:body,5:hello,4:more,4:true!}",
                pkt("server", "1", 0, false, Data.response(200, "OK", textPlain, latin1("hello"), true, 0))));
        out.add(v("condure test error",
                "T77:4:from,6:client,2:id,1:1,3:seq,1:0#4:type,5:error,9:condition,11:bad-request,}",
                pkt("client", "1", 0, false, ErrorPacket.of("bad-request"))));
        return out;
    }

    static List<Vector> all() {
        List<Vector> out = new ArrayList<>(condureMessages());
        out.addAll(handlerMessages());
        return out;
    }

    static String show(byte[] b) {
        return b.length > 400 ? text(Arrays.copyOf(b, 400)) + "..." : text(b);
    }
}
