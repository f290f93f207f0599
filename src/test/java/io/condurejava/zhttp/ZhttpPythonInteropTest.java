package io.condurejava.zhttp;

import static io.condurejava.zhttp.ZhttpVectors.h;
import static io.condurejava.zhttp.ZhttpVectors.latin1;
import static io.condurejava.zhttp.ZhttpVectors.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our codec against the reference Python tnetstring codec (zhttp-probe/tns.py) in both directions. */
class ZhttpPythonInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path TNS_DIR = Path.of("/work/shared/zhttp-probe");
    private static final long PYTHON_TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPython() {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "python3 not installed");
        Assumptions.assumeTrue(Files.isRegularFile(TNS_DIR.resolve("tns.py")), "tns.py not found");
    }

    private String python(String script, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[3 + args.length];
        cmd[0] = PYTHON.toString();
        cmd[1] = "-c";
        cmd[2] = "import sys; sys.path.insert(0, " + pyStr(TNS_DIR.toString()) + ")\nimport tns\n" + script;
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = proc.getInputStream().readAllBytes();
        assertTrue(proc.waitFor(PYTHON_TIMEOUT_SECONDS, TimeUnit.SECONDS), "python timed out");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), text);
        return text;
    }

    private static String pyStr(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void pythonDecodesAndReEncodesOurPacketIdentically() throws Exception {
        ZhttpPacket p = new ZhttpPacket("condure", List.of(new IdSeq("0-1-5", 7), new IdSeq("0-2-6", IdSeq.NO_SEQ)),
                true, ZhttpRoundTripTest.fullData());
        byte[] ours = ZhttpCodec.encode(p);
        Path in = dir.resolve("in.bin");
        Path out = dir.resolve("out.bin");
        Files.write(in, ours);
        String report = python("""
                data = open(sys.argv[1], 'rb').read()
                assert data[:1] == b'T'
                v = tns.loads(data[1:])
                open(sys.argv[2], 'wb').write(b'T' + tns.dumps(v))
                print(v[b'method'].decode('utf-8'), v[b'id'][0][b'seq'], v[b'ext'][b'multi'],
                      len(v[b'headers']), len(v[b'body']), v[b'max-size'], v[b'peer-port'])
                """, in.toString(), out.toString());
        assertEquals("PÜT 7 True 4 256 10000000000 65535", report.strip());
        assertArrayEquals(ours, Files.readAllBytes(out));
    }

    @Test
    void weDecodeWhatPythonEncodes() throws Exception {
        Path out = dir.resolve("py.bin");
        python("""
                msg = {
                    'from': 'pyhandler',
                    'id': [{'id': 'a', 'seq': 3}, {'id': 'b'}],
                    'ext': {'multi': True},
                    'user-data': {'f': 1.5, 'n': None, 'l': [1, [2, [3, {'x': False}]]]},
                    'code': 200,
                    'reason': 'OK',
                    'headers': [['Content-Type', 'text/plain'], ['X-Bin', bytes([0, 255, 10])]],
                    'body': bytes(range(256)),
                    'more': True,
                    'credits': 5,
                }
                open(sys.argv[1], 'wb').write(b'T' + tns.dumps(msg))
                """, out.toString());
        ZhttpPacket p = ZhttpCodec.decode(Files.readAllBytes(out));
        assertEquals("pyhandler", p.from());
        assertEquals(List.of(new IdSeq("a", 3), new IdSeq("b", IdSeq.NO_SEQ)), p.ids());
        assertTrue(p.multi());
        Data d = assertInstanceOf(Data.class, p.payload());
        assertEquals(200, d.code());
        assertEquals("OK", d.reason());
        assertEquals(List.of(h("Content-Type", "text/plain"), h("X-Bin", text(new byte[] {0, (byte) 255, 10}))),
                d.headers());
        assertArrayEquals(latin1(ZhttpRoundTripTest.fullData().headers().get(1).value()), d.body());
        assertTrue(d.more());
        assertEquals(5, d.credits());
    }
}
