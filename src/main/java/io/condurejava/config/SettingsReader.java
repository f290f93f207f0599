package io.condurejava.config;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the assembled config into validated {@link Settings}, with Condure 1.10's rules and error
 * texts. Values are read as raw strings (no SmallRye list splitting). Runs once on the main thread.
 */
final class SettingsReader {
    private final SmallRyeConfig config;
    private final CliConfigSource cli;

    SettingsReader(SmallRyeConfig config, CliConfigSource cli) {
        this.config = config;
        this.cli = cli;
    }

    /** The winning raw text of {@code key} and its origin. */
    RawValue raw(Key key) {
        ConfigValue cv = config.getConfigValue(key.property());
        String text = cv.getValue() != null ? cv.getValue() : "";
        String source = cv.getValue() != null ? cv.getConfigSourceName() : null;
        List<String> cliValues = CliConfigSource.NAME.equals(source) ? cli.values(key) : null;
        return new RawValue(key, text, ConfigSources.origin(key, source), cliValues);
    }

    Settings read() throws ConfigException {
        int logLevel = Values.integer(raw(Key.LOG_LEVEL));
        String id = id(raw(Key.ID));
        int workers = Values.integer(raw(Key.WORKERS));
        RawValue reqRaw = raw(Key.REQ_MAXCONN);
        RawValue streamRaw = raw(Key.STREAM_MAXCONN);
        int reqMaxconn = Values.integer(reqRaw);
        int streamMaxconn = Values.integer(streamRaw);
        if ((long) reqMaxconn + streamMaxconn > Settings.TOTAL_MAXCONN_MAX) {
            throw crossError(streamRaw, "total maxconn is too large",
                    "req-maxconn " + reqMaxconn + " + stream-maxconn " + streamMaxconn + " > "
                            + Settings.TOTAL_MAXCONN_MAX);
        }
        if (reqMaxconn < workers) {
            throw crossError(reqRaw, "req maxconn must be >= workers", "workers is " + workers);
        }
        if (streamMaxconn < workers) {
            throw crossError(streamRaw, "stream maxconn must be >= workers", "workers is " + workers);
        }
        List<String> zserverReq = specs(raw(Key.ZSERVER_REQ), false);
        List<String> zserverStream = specs(raw(Key.ZSERVER_STREAM), true);
        List<ListenSpec> listens = listens(raw(Key.LISTEN));
        if (listens.isEmpty() && zserverReq.isEmpty() && zserverStream.isEmpty()) {
            listens = List.of(ListenSpecs.defaultListen());
        }
        return new Settings(logLevel, id, workers, reqMaxconn, streamMaxconn,
                Values.integer(raw(Key.BUFFER_SIZE)),
                Values.integer(raw(Key.BODY_BUFFER_SIZE)),
                Values.integer(raw(Key.MESSAGES_MAX)),
                Values.integer(raw(Key.REQ_TIMEOUT)),
                Values.integer(raw(Key.STREAM_TIMEOUT)),
                listens,
                specs(raw(Key.ZCLIENT_REQ), false),
                specs(raw(Key.ZCLIENT_STREAM), true),
                Values.bool(raw(Key.ZCLIENT_CONNECT)),
                zserverReq,
                zserverStream,
                Values.bool(raw(Key.ZSERVER_CONNECT)),
                Values.octal(raw(Key.IPC_FILE_MODE)),
                Values.path(raw(Key.TLS_IDENTITIES_DIR)),
                Values.bool(raw(Key.COMPRESSION)),
                Values.bool(raw(Key.DENY_OUT_INTERNAL)),
                Values.integer(raw(Key.SESSION_TIMEOUT)),
                Values.integer(raw(Key.KEEP_ALIVE_INTERVAL)),
                Values.integer(raw(Key.SHUTDOWN_TIMEOUT)),
                Values.integer(raw(Key.ZMQ_QUEUE_SIZE)),
                Values.integer(raw(Key.WEBSOCKET_MAX_MESSAGE)),
                Values.integer(raw(Key.WEBSOCKET_WINDOW)),
                Values.integer(raw(Key.WEBSOCKET_CREDIT_DELAY)),
                Values.bool(raw(Key.BATCH_SCHEDULING)),
                Values.bool(raw(Key.NATIVE_ZMTP)));
    }

    private static String id(RawValue raw) throws ConfigException {
        String id = raw.text().strip();
        if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
            throw raw.error("value cannot be empty or contain a space");
        }
        return id;
    }

    private static List<ListenSpec> listens(RawValue raw) throws ConfigException {
        List<ListenSpec> out = new ArrayList<>();
        for (String spec : raw.list()) {
            out.add(ListenSpecs.parse(raw, spec));
        }
        return out;
    }

    private static List<String> specs(RawValue raw, boolean base) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (String spec : raw.list()) {
            out.add(ZmqSpecs.check(raw, spec, base));
        }
        return out;
    }

    private static ConfigException crossError(RawValue raw, String condureText, String detail) {
        return new ConfigException(raw.key().property(), raw.text(), condureText + " (value '" + raw.text()
                + "' for " + raw.key().property() + " from " + raw.origin() + "; " + detail + ")");
    }
}
