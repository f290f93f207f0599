package io.condurejava.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real bin/condure-java with CONDURE_JAVA_PRINT=1: Java >= 21 selection, symlinks, and the error. */
class LauncherTest {
    static final Path SCRIPT = Path.of("bin/condure-java").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern SPEC = Pattern.compile("java\\.specification\\.version = (\\S+)");
    /** Tools the script needs when PATH is restricted to a test directory. */
    private static final List<String> TOOLS = List.of("bash", "sed", "head", "dirname", "readlink");

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private static Result run(Path script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(script.toString());
        pb.environment().putAll(env);
        pb.environment().put("CONDURE_JAVA_PRINT", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "launcher finished");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Feature version of a java binary, measured independently of the script. */
    private static int featureVersion(String java) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        Matcher m = SPEC.matcher(out);
        assertTrue(m.find(), out);
        String v = m.group(1);
        return Integer.parseInt(v.startsWith("1.") ? v.substring(2) : v);
    }

    /** A fake JDK whose java reports {@code spec} as java.specification.version. */
    private Path fakeJdk(String name, String spec) throws IOException {
        Path java = dir.resolve(name).resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho 'Property settings:' >&2\n"
                + "echo '    java.specification.version = " + spec + "' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** A PATH directory holding the shell tools and the given java. */
    private Path pathWith(Path java) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("path-bin"));
        for (String tool : TOOLS) {
            Path real = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(tool));
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        Files.createSymbolicLink(bin.resolve("java"), java);
        return bin;
    }

    @Test
    void picksARealJavaOf21OrNewer() throws Exception {
        Result r = run(SCRIPT, Map.of());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(featureVersion(lines.get(0)) >= 21, lines.get(0));
        assertEquals(Path.of("").toRealPath().toString(), lines.get(1));
    }

    @Test
    void skipsATooOldJavaHome() throws Exception {
        Path old = fakeJdk("old-jdk", "17");
        Result r = run(SCRIPT, Map.of("JAVA_HOME", old.getParent().getParent().toString()));
        assertEquals(0, r.exit(), r.err());
        String chosen = r.out().lines().findFirst().orElseThrow();
        assertTrue(!chosen.startsWith(dir.toString()) && featureVersion(chosen) >= 21, chosen);
    }

    @Test
    void followsSymlinksToFindItsHome() throws Exception {
        Path link = dir.resolve("condure-java");
        Files.createSymbolicLink(link, SCRIPT);
        Result r = run(link, Map.of());
        assertEquals(0, r.exit(), r.err());
        assertEquals(Path.of("").toRealPath().toString(), r.out().lines().toList().get(1));
    }

    @Test
    void choosesTheNewestUnderTheSearchDirectoriesWhenHomeAndPathAreTooOld() throws Exception {
        Path home8 = fakeJdk("jh/j8", "1.8");
        Path path17 = fakeJdk("p/j17", "17");
        fakeJdk("jvms/jdk-21", "21");
        Path newest = fakeJdk("jvms/jdk-23", "23");
        fakeJdk("jvms/jdk-11", "11");
        Result r = run(SCRIPT, Map.of("JAVA_HOME", home8.getParent().getParent().toString(),
                "PATH", pathWith(path17).toString(), "CONDURE_JAVA_SEARCH", dir.resolve("jvms").toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals(newest.toString(), r.out().lines().findFirst().orElseThrow());
    }

    @Test
    void failsNamingEverythingItTried() throws Exception {
        Path home8 = fakeJdk("jh/j8", "1.8");
        Path path17 = fakeJdk("p/j17", "17");
        Path only17 = fakeJdk("jvms/jdk-17", "17");
        Result r = run(SCRIPT, Map.of("JAVA_HOME", home8.getParent().getParent().toString(),
                "PATH", pathWith(path17).toString(), "CONDURE_JAVA_SEARCH", dir.resolve("jvms").toString()));
        assertEquals(1, r.exit(), r.out());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("condure-java: no Java >= 21 found; tried:"), r.err());
        assertTrue(r.err().contains(home8 + " (version 8)"), r.err());
        assertTrue(r.err().contains(dir.resolve("path-bin/java") + " (version 17)"), r.err());
        assertTrue(r.err().contains(only17 + " (version 17)"), r.err());
    }
}
