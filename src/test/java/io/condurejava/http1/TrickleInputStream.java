package io.condurejava.http1;

import java.io.InputStream;
import java.util.Random;

/** Test source that hands out its bytes in small random reads (1..maxRead); single thread. */
final class TrickleInputStream extends InputStream {
    private final byte[] data;
    private final Random random;
    private final int maxRead;
    private int pos;

    TrickleInputStream(byte[] data, long seed, int maxRead) {
        this.data = data;
        this.random = new Random(seed);
        this.maxRead = maxRead;
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= data.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, 1 + random.nextInt(maxRead)), data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
