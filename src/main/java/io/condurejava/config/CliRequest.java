package io.condurejava.config;

import java.util.Objects;

/** What the command line asks for: run the server, or print a text (help, version, sizes) and exit 0. Immutable. */
public sealed interface CliRequest {
    /** Start the server with these settings. */
    record Run(Settings settings) implements CliRequest {
        public Run {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /** Print {@code text} (no final newline: use println) to stdout and exit with status 0. */
    record PrintAndExit(String text) implements CliRequest {
        public PrintAndExit {
            Objects.requireNonNull(text, "text");
        }
    }
}
