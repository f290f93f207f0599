package io.condurejava.testutil;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A plain TCP client for tests that need exact bytes: writes raw requests, parses responses. Test thread only. */
public final class RawClient implements AutoCloseable {
    /** A parsed response; {@code headers} keeps one entry per header line (names lower-cased). */
    public record Response(String version, int status, String reason, List<Map.Entry<String, String>> headers,
                           byte[] body, String rawHead) {
        public String header(String name) {
            return headers.stream().filter(h -> h.getKey().equals(name.toLowerCase(Locale.ROOT)))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response; {@code headRequest} = the request was HEAD (no body follows). */
    public Response readResponse(boolean headRequest) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        StringBuilder raw = new StringBuilder(statusLine).append("\r\n");
        String[] parts = statusLine.split(" ", 3);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Map<String, String> first = new LinkedHashMap<>();
        String line;
        while (!(line = readLine()).isEmpty()) {
            raw.append(line).append("\r\n");
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.add(Map.entry(name, value));
            first.putIfAbsent(name, value);
        }
        raw.append("\r\n");
        int status = Integer.parseInt(parts[1]);
        byte[] body;
        if (headRequest || status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equals(first.get("transfer-encoding"))) {
            body = readChunked();
        } else if (first.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(first.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(parts[0], status, parts.length > 2 ? parts[2] : "", headers, body, raw.toString());
    }

    /** Reads a status line and headers only, leaving the body unread (responses still streaming). */
    public Response readResponseHeadOnly() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            headers.add(Map.entry(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim()));
        }
        return new Response(parts[0], Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", headers,
                new byte[0], statusLine);
    }

    public Response readResponse() throws IOException {
        return readResponse(false);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(size));
            readLine();
        }
    }

    /** Reads a CRLF-terminated line (without the CRLF); null at EOF before any byte. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server closed the connection (EOF or reset) with nothing more to read. */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads everything until the server closes. */
    public byte[] readToEnd() throws IOException {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
