package io.condurejava.testutil;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the system Python that Debian's python3-zmq belongs to (a PATH python3 may be another install). */
public final class Python {
    private Python() {}

    public static String executable() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** True when that Python can import pyzmq (the libzmq binding). */
    public static boolean hasPyzmq() {
        try {
            Process p = new ProcessBuilder(executable(), "-c", "import zmq").redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
