package io.condurejava.examples;

import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.*;
import io.condurejava.zmq.ipc.ZmqEndpoints;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.zeromq.*;

/** The README's handler: answers every request with "hello world". Run: java -cp target/condure-java.jar THIS_FILE */
public class HelloHandler {
    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "ipc://client";   // condure-java's --zclient-stream
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket replies = ctx.createSocket(SocketType.XPUB), requests = ctx.createSocket(SocketType.PULL);
            ZmqEndpoints.connect(replies, base + "-in");               // replies go out as "condure T<tnetstring>"
            replies.recv();                                            // the server subscribed: replies get through
            ZmqEndpoints.connect(requests, base + "-out");             // first message of every request
            while (!Thread.currentThread().isInterrupted()) {
                byte[] raw = requests.recv();
                ZhttpPacket request = ZhttpCodec.decode(raw, 0, raw.length);
                Data data = (Data) request.payload();
                byte[] body = ("hello world: " + data.method() + " " + data.uri() + "\n").getBytes(StandardCharsets.UTF_8);
                ZhttpPacket response = new ZhttpPacket("hello-handler", List.of(new IdSeq(request.firstId(), 0)), false,
                        Data.response(200, "OK", List.of(new HttpHeader("Content-Type", "text/plain")), body, false, 0));
                ByteArrayOutputStream frame = new ByteArrayOutputStream();
                frame.writeBytes("condure ".getBytes(StandardCharsets.US_ASCII));
                frame.writeBytes(ZhttpCodec.encode(response));
                replies.send(frame.toByteArray());
            }
        }
    }
}
