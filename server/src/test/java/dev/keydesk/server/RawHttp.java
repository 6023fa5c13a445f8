package dev.keydesk.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http will not send: several requests on one
 * connection, duplicate or malformed headers, bad chunking, raw bytes in the request line.
 */
final class RawHttp implements Closeable {

    /** One parsed response; header names lower-cased (the last of repeated ones). */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return Api.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one request on a fresh connection and reads one response (null if the server closed without one). */
    static Response once(int port, byte[] request) {
        try (RawHttp c = new RawHttp(port)) {
            c.write(request);
            return c.read();
        }
    }

    static Response once(int port, String request) {
        return once(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(String raw) {
        write(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] raw) {
        try {
            out.write(raw);
            out.flush();
        } catch (IOException e) {
            // the server may close while we still send (e.g. oversized headers); read what it answered
        }
    }

    /** Parses the first response in {@code bytes} (everything a connection sent), or null if there is none. */
    static Response parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        RawHttp r = new RawHttp(new java.io.ByteArrayInputStream(bytes));
        return r.read();
    }

    private RawHttp(InputStream in) {
        this.socket = null;
        this.in = in;
        this.out = null;
    }

    /** Reads one response, or returns null if the connection ended before a status line. */
    Response read() {
        try {
            String statusLine = line();
            if (statusLine == null) {
                return null;
            }
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                while (true) {
                    int size = Integer.parseInt(line().trim(), 16);
                    if (size == 0) {
                        line();
                        break;
                    }
                    b.write(in.readNBytes(size));
                    line();
                }
                body = b.toByteArray();
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if (status == 204 || status == 304) {
                body = new byte[0];
            } else {
                body = in.readAllBytes();
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within 10 s", e);
        } catch (IOException e) {
            return null;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c == -1 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
