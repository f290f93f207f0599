package io.condurejava.server;

import io.condurejava.testutil.AutoHandler;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** --stream-maxconn: accept stops at the limit, so an extra client waits in the backlog until a slot frees. */
class MaxConnTest {

    @Test
    void thirdClientWaitsUntilOneCloses() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--stream-maxconn=2", "--workers=1");
             AutoHandler handler = new AutoHandler(fixture.base())) {
            RawClient first = fixture.connect();
            RawClient second = fixture.connect();
            first.send("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n");
            second.send("GET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals(200, first.readResponse().status());
            assertEquals(200, second.readResponse().status());
            try (RawClient third = fixture.connect()) { // the kernel completes the handshake from its backlog
                third.send("GET /3 HTTP/1.1\r\nHost: h\r\n\r\n");
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> handler.requests.size() == 2);
                first.close();
                RawClient.Response response = third.readResponse();
                assertEquals("hello http://h/3", response.bodyText());
            }
            second.close();
        }
    }
}
