package io.condurejava.pushpin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A connection manager Pushpin's runner can start through {@code condure_bin}: condure-java or
 * Debian's Condure. Immutable; any thread.
 */
record ConnectionManager(String name, Path bin) {
    static final String CONDURE_JAVA = "condure-java";
    static final String CONDURE = "condure";
    static final Path DEBIAN_CONDURE = Path.of("/usr/bin/condure");
    /** Set to a launcher path (e.g. {@code bin/condure-java}) to test that instead of the build's classes. */
    static final String BIN_PROPERTY = "pushpin.condure-java.bin";

    static boolean debianCondureInstalled() {
        return Files.isExecutable(DEBIAN_CONDURE);
    }

    static ConnectionManager debianCondure() {
        return new ConnectionManager(CONDURE, DEBIAN_CONDURE);
    }

    /**
     * condure-java as Pushpin should run it. By default a two-line script in {@code dir/bin} that execs
     * this JVM's {@code java} on the classes just compiled, with the launcher's JVM options: during
     * {@code mvn package} the tests run before {@code target/condure-java.jar} exists, and
     * {@code bin/condure-java} would start a nested Maven build to make it. With the system property
     * {@value #BIN_PROPERTY} the named launcher is used as it is.
     */
    static ConnectionManager condureJava(Path projectDir, Path dir) throws IOException {
        String explicit = System.getProperty(BIN_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return new ConnectionManager(CONDURE_JAVA, projectDir.resolve(explicit).toAbsolutePath().normalize());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        Path script = Files.createDirectories(dir.resolve("bin")).resolve("condure-java");
        Files.writeString(script, "#!/bin/sh\n"
                + "# condure-java from this build's classes, as bin/condure-java would run the jar\n"
                + "exec " + quote(java.toString()) + " -XX:+ExitOnOutOfMemoryError"
                + " -Dcondure.home=" + quote(projectDir.toString())
                + " -cp " + quote(classpath) + " io.condurejava.Main \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new ConnectionManager(CONDURE_JAVA, script);
    }

    private static String quote(String s) {
        if (s.contains("'")) {
            throw new IllegalArgumentException("path with a quote: " + s);
        }
        return "'" + s + "'";
    }

    @Override
    public String toString() {
        return name;
    }
}
