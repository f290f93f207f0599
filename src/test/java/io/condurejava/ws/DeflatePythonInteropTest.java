package io.condurejava.ws;

import io.condurejava.testutil.Python;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** permessage-deflate against Python's zlib (an independent raw-DEFLATE, wbits=-15, in both directions); skipped without python3. */
class DeflatePythonInteropTest {
    /** Compresses each hex line like an RFC 7692 sender (sync flush, tail stripped), keeping or resetting the context. */
    private static final String COMPRESS = """
            import sys, zlib
            reset = sys.argv[1] == 'reset'
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            for line in sys.stdin.read().split():
                data = bytes.fromhex(line[1:])
                out = c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH)
                assert out.endswith(b'\\x00\\x00\\xff\\xff')
                out = out[:-4] or b'\\x00'
                print('x' + out.hex())
                if reset:
                    c = zlib.compressobj(6, zlib.DEFLATED, -15)
            """;
    /** Decompresses each hex line like an RFC 7692 receiver (tail appended), keeping the context. */
    private static final String DECOMPRESS = """
            import sys, zlib
            d = zlib.decompressobj(-15)
            for line in sys.stdin.read().split():
                print('x' + d.decompress(bytes.fromhex(line[1:]) + b'\\x00\\x00\\xff\\xff').hex())
            """;

    @BeforeAll
    static void needsPython() {
        Assumptions.assumeTrue(python("print('x')", "", "-").equals("x\n"), "python3 not available");
    }

    private static String python(String script, String stdin, String arg) {
        try {
            Process p = new ProcessBuilder(Python.executable(), "-c", script, arg).redirectErrorStream(true).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            return p.exitValue() == 0 ? out : "python failed: " + out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static List<byte[]> messages() {
        Random rnd = new Random(9);
        List<byte[]> out = new ArrayList<>();
        out.add(new byte[0]);
        out.add("Hello".getBytes(StandardCharsets.UTF_8));
        out.add("Hello".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 8; i++) {
            byte[] m = new byte[rnd.nextInt(70_000)];
            for (int j = 0; j < m.length; j++) {
                m[j] = (byte) (i % 2 == 0 ? 'a' + rnd.nextInt(5) : rnd.nextInt());
            }
            out.add(m);
        }
        return out;
    }

    private static String hexLines(List<byte[]> payloads) {
        StringBuilder b = new StringBuilder();
        payloads.forEach(p -> b.append('x').append(HexFormat.of().formatHex(p)).append('\n'));
        return b.toString();
    }

    private static List<byte[]> parseLines(String out) {
        List<byte[]> result = new ArrayList<>();
        for (String line : out.split("\n")) {
            assertTrue(line.startsWith("x"), line);
            result.add(HexFormat.of().parseHex(line.substring(1)));
        }
        return result;
    }

    @Test
    void pythonCompressesAndWeDecompress() throws IOException {
        List<byte[]> messages = messages();
        for (boolean reset : new boolean[]{false, true}) {
            List<byte[]> compressed = parseLines(python(COMPRESS, hexLines(messages), reset ? "reset" : "keep"));
            RawFrames frames = new RawFrames();
            compressed.forEach(c -> frames.frame(true, Frame.RSV1, Opcode.BINARY, c));
            PerMessageDeflate.Negotiated d = new PerMessageDeflate.Negotiated(reset, false);
            List<Incoming> events = RawFrames.readAll(frames.reader(1 << 20, d), 1 << 20);
            assertEquals(messages.size(), events.size());
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), ((Incoming.DataPart) events.get(i)).data(), "message " + i);
            }
        }
    }

    @Test
    void weCompressAndPythonDecompresses() throws IOException {
        List<byte[]> messages = messages();
        for (boolean reset : new boolean[]{false, true}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PerMessageDeflate.Negotiated d = new PerMessageDeflate.Negotiated(false, reset);
            try (MessageWriter w = new MessageWriter(out, Role.SERVER, d)) {
                for (byte[] m : messages) {
                    w.writeMessage(false, m);
                }
            }
            List<byte[]> payloads = new ArrayList<>();
            FrameReader r = new FrameReader(new ByteArrayInputStream(out.toByteArray()), Role.CLIENT);
            for (Frame f; (f = r.read(1 << 20)) != null; ) {
                assertEquals(Frame.RSV1, f.rsv());
                payloads.add(f.payload());
            }
            List<byte[]> decompressed = parseLines(python(DECOMPRESS, hexLines(payloads), "-"));
            assertEquals(messages.size(), decompressed.size());
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), decompressed.get(i), "message " + i);
            }
        }
    }
}
