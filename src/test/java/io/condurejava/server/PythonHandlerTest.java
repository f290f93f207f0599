package io.condurejava.server;

import io.condurejava.testutil.Python;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A libzmq handler (Debian's python3-zmq) reaches condure-java's ipc:// endpoints, which are real Unix sockets,
 * and answers a request that was already waiting when it started.
 */
class PythonHandlerTest {

    @Test
    void pyzmqHandlerAnswersOverIpc() throws Exception {
        assumeTrue(Python.hasPyzmq(), "python3 with the zmq module (Debian python3-zmq) is not installed");
        Path script = Path.of("src/test/resources/python/hello_handler.py").toAbsolutePath();
        try (ServerFixture fixture = ServerFixture.start();
             RawClient early = fixture.connect()) {
            // a request waiting before the handler starts: the handler's first reply must not be lost to a
            // PUB socket that has not yet seen the server's subscription (the handler waits for it)
            early.send("GET /early HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            Process python = new ProcessBuilder(Python.executable(), script.toString(), fixture.base())
                    .redirectErrorStream(true).redirectOutput(File.createTempFile("pyhandler", ".log")).start();
            try {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                URI uri = URI.create("http://127.0.0.1:" + fixture.port() + "/py?q=1");
                // the handler's PUB subscription may take a moment: retry until a request is answered
                String[] body = new String[1];
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    body[0] = r.body();
                    return r.statusCode() == 200;
                });
                assertEquals("hello from pyzmq GET " + uri, body[0]);
                assertEquals("hello from pyzmq GET http://h/early", early.readResponse().bodyText(),
                        "the request that waited for the handler is answered too");
            } finally {
                python.destroyForcibly().waitFor();
            }
        }
    }
}
