package io.condurejava.client;

import io.condurejava.testutil.Python;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An independent WebSocket origin for client-mode tests: Python's {@code websockets} (Debian
 * python3-websockets) serving on 127.0.0.1 with its default permessage-deflate support
 * (server_max_window_bits=12, context takeover kept by the server). Every path echoes each message
 * (compressed when negotiated); the text message {@code report} is answered instead with one JSON
 * line: {@code {"offer": the request's Sec-WebSocket-Extensions or null, "agreed": the answer's or
 * null, "rsv1": [RSV1 of the first frame of every data message received, in order, the report's
 * own last] or null without deflate}}. The 101 also carries {@code X-Offer} (the request's
 * extension offer or "none"). A Python process started by the constructor; the test's thread only.
 */
final class PythonWsOrigin implements AutoCloseable {
    private static final long EXIT_WAIT_SECONDS = 5;
    private static final String SCRIPT = """
            import asyncio, json, sys
            import websockets
            from websockets.extensions import permessage_deflate as pmd
            from websockets.frames import OP_BINARY, OP_TEXT

            _decode = pmd.PerMessageDeflate.decode

            def decode(self, frame, *, max_size=None):
                # record RSV1 of every message's first frame, as it came off the wire
                if frame.opcode in (OP_TEXT, OP_BINARY):
                    self.received_rsv1 = getattr(self, "received_rsv1", []) + [frame.rsv1]
                return _decode(self, frame, max_size=max_size)

            pmd.PerMessageDeflate.decode = decode

            def offer_header(path, request_headers):
                return {"X-Offer": request_headers.get("Sec-WebSocket-Extensions", "none")}

            async def handler(ws, path=None):
                async for message in ws:
                    if message == "report":
                        deflate = [e for e in ws.extensions if isinstance(e, pmd.PerMessageDeflate)]
                        await ws.send(json.dumps({
                            "offer": ws.request_headers.get("Sec-WebSocket-Extensions"),
                            "agreed": ws.response_headers.get("Sec-WebSocket-Extensions"),
                            "rsv1": getattr(deflate[0], "received_rsv1", []) if deflate else None,
                        }))
                    else:
                        await ws.send(message)

            async def main():
                async with websockets.serve(handler, "127.0.0.1", 0, max_size=None,
                                            extra_headers=offer_header) as server:
                    print(server.sockets[0].getsockname()[1], flush=True)
                    # serve until the test closes our stdin
                    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)

            asyncio.run(main())
            """;

    private final Process process;
    private final Path stderr;
    private final int port;

    PythonWsOrigin() throws IOException {
        stderr = Files.createTempFile("cj-pyws-", ".log");
        process = new ProcessBuilder(Python.executable(), "-c", SCRIPT)
                .redirectError(stderr.toFile()).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        if (line == null) {
            String err = Files.readString(stderr);
            close();
            throw new IOException("the Python websockets origin did not start (Debian python3-websockets needed for "
                    + Python.executable() + "): " + err);
        }
        port = Integer.parseInt(line.strip());
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        try {
            process.getOutputStream().close(); // EOF on stdin ends the script
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
