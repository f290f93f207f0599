package io.condurejava.server;

import io.condurejava.testutil.AutoHandler;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** --listen PATH,local: curl over the Unix socket, file mode applied, stale file replaced, file removed at stop. */
class UnixListenerTest {

    @Test
    void curlOverTheUnixSocketWithTheRequestedMode(@TempDir Path dir) throws Exception {
        assumeTrue(new File("/usr/bin/curl").canExecute(), "curl is not installed");
        Path socket = dir.resolve("http.sock");
        Files.writeString(socket, "stale"); // a leftover file is replaced, as Condure does
        try (ServerFixture fixture = ServerFixture.start("--listen=" + socket + ",local,stream,mode=660");
             AutoHandler handler = new AutoHandler(fixture.base())) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            Process curl = new ProcessBuilder("curl", "-s", "-m", "10", "--unix-socket", socket.toString(),
                    "http://unix.example/over-unix").start();
            String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(curl.waitFor(15, TimeUnit.SECONDS));
            assertEquals("hello http://unix.example/over-unix", body);
            Data request = handler.requests.peek().request();
            assertNull(request.peerAddress(), "no peer-address for Unix-socket clients (Condure)");
            assertEquals(-1, request.peerPort());
        }
        assertFalse(Files.exists(socket), "the socket file is removed at stop");
    }
}
