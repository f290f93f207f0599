package io.condurejava.server;

import io.condurejava.testutil.AutoHandler;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With {@code --native-zmtp=false} the bound stream sockets are JeroMQ's: first messages go out on its PUSH as
 * the slice of the encoder's buffer they occupy, later ones on its ROUTER, answers come back on its SUB. A real
 * JeroMQ handler serves GETs and bodies sent in pieces through them, every byte accounted for.
 */
class JeromqStreamSocketsTest {

    @Test
    void requestsAndBodiesGoThroughJeromqSockets() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--native-zmtp=false");
             AutoHandler handler = new AutoHandler(fixture.base())) {
            byte[] body = new byte[200_000];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) (i * 31 + 7);
            }
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            for (int i = 0; i < 5; i++) {
                try (RawClient client = fixture.connect()) {
                    client.send("GET /jeromq/" + i + " HTTP/1.1\r\nHost: h\r\n\r\n");
                    assertEquals("hello http://h/jeromq/" + i, client.readResponse().bodyText());
                    client.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length + "\r\n\r\n");
                    client.socket().getOutputStream().write(body);
                    assertEquals("length=" + body.length + " sha256=" + digest, client.readResponse().bodyText().trim());
                }
            }
        }
    }
}
