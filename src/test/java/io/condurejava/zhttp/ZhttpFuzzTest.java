package io.condurejava.zhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of valid packets: decoding either succeeds or throws ZhttpFormatException,
 * never anything else; whatever decodes re-encodes to a stable form.
 */
class ZhttpFuzzTest {
    private static final int ITERATIONS = 20_000;
    private static final long SEED = 0x5eed_2024L;
    private static final byte[] STRUCTURE = "0123456789:,#!]}^~-T".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void randomMutationsOnlyThrowFormatException() {
        List<byte[]> seeds = new ArrayList<>();
        for (ZhttpVectors.Vector v : ZhttpVectors.all()) {
            if (v.wire().length < 1000) {
                seeds.add(v.wire());
            }
        }
        seeds.add(ZhttpCodec.encode(ZhttpPacket.of("f", "1", 3, true, ZhttpRoundTripTest.fullData())));
        Random rnd = new Random(SEED);
        int decoded = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            try {
                ZhttpPacket p = ZhttpCodec.decode(input);
                decoded++;
                byte[] once = ZhttpCodec.encode(p);
                byte[] twice = ZhttpCodec.encode(ZhttpCodec.decode(once));
                assertArrayEquals(once, twice, () -> "unstable re-encoding of " + HexFormat.of().formatHex(input));
            } catch (ZhttpFormatException expected) {
                // fine
            } catch (RuntimeException | Error e) {
                fail("iteration " + i + " threw " + e + " for " + HexFormat.of().formatHex(input), e);
            }
        }
        if (decoded == 0 || decoded == ITERATIONS) {
            fail("mutations should produce both valid and invalid inputs, decoded=" + decoded);
        }
    }

    private static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds && b.length > 0; r++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b[at] = STRUCTURE[rnd.nextInt(STRUCTURE.length)];
                case 2 -> b = splice(b, at, Math.min(b.length, at + 1 + rnd.nextInt(8)), new byte[0]);
                case 3 -> {
                    byte[] ins = new byte[1 + rnd.nextInt(6)];
                    for (int k = 0; k < ins.length; k++) {
                        ins[k] = rnd.nextBoolean() ? STRUCTURE[rnd.nextInt(STRUCTURE.length)] : (byte) rnd.nextInt(256);
                    }
                    b = splice(b, at, at, ins);
                }
                case 4 -> {
                    int end = Math.min(b.length, at + 1 + rnd.nextInt(30));
                    byte[] copy = Arrays.copyOfRange(b, at, end);
                    int to = rnd.nextInt(b.length + 1);
                    b = splice(b, to, to, copy);
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    /** Replaces {@code b[from, to)} with {@code ins}. */
    private static byte[] splice(byte[] b, int from, int to, byte[] ins) {
        if (to < from) {
            to = from;
        }
        byte[] out = new byte[b.length - (to - from) + ins.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(ins, 0, out, from, ins.length);
        System.arraycopy(b, to, out, from + ins.length, b.length - to);
        return out;
    }
}
