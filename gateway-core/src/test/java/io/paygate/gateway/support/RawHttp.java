package io.paygate.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a bare {@link Socket} for framing probes: writes exactly the bytes given (no client
 * library normalises anything), reads one whole response (status line, headers, body by
 * {@code Content-Length} or chunked), then says how the connection ended: closed cleanly (FIN),
 * reset (RST, which a server sends when it closes with unread input), still open, or open with more
 * bytes behind the first response (a second response: the request was split in two).
 */
public final class RawHttp {

    /** How long a probe waits for the server's first byte or for the close. */
    static final int READ_TIMEOUT_MILLIS = 10_000;
    /** How long after a response the connection may stay silent before it counts as open. */
    static final int CLOSE_WAIT_MILLIS = 3_000;
    private static final int HEAD_BYTES_MAX = 64 * 1024;

    private RawHttp() {
    }

    /** What followed the first response on the connection. */
    public enum After {
        /** read() returned -1: the server closed the connection. */
        CLOSED,
        /** the server reset the connection (a close with unread request bytes). */
        RESET,
        /** nothing arrived and the connection stayed open. */
        OPEN,
        /** more bytes arrived: another response. */
        MORE
    }

    /** One response read off a socket. {@code status} is -1 when the server closed without answering. */
    public record RawResponse(String statusLine, int status, Map<String, List<String>> headers, byte[] body,
                              After after, byte[] trailing) implements SignedClient.Reply {

        @Override
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public List<String> headerValues(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The server closed (or reset) the connection after this response and sent nothing more. */
        public boolean closedAfter() {
            return after == After.CLOSED || after == After.RESET;
        }

        @Override
        public String toString() {
            return (statusLine == null ? "<no response>" : statusLine) + " " + text() + " [then " + after
                    + (trailing.length > 0 ? ": " + new String(trailing, StandardCharsets.ISO_8859_1) : "") + "]";
        }
    }

    /** Sends {@code request} as is to 127.0.0.1:port and reads one response and what follows it. */
    public static RawResponse exchange(int port, byte[] request) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException e) {
                // the server may refuse early and reset while a large request is still being written;
                // whatever it answered is still in the receive buffer
            }
            return read(s);
        } catch (IOException e) {
            throw new UncheckedIOException("raw exchange with 127.0.0.1:" + port + " failed", e);
        }
    }

    public static RawResponse exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Text as ISO-8859-1 bytes, so every char 0..255 becomes exactly that byte. */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Concatenation. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static RawResponse read(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] head;
        try {
            head = readHead(in);
        } catch (SocketException e) {
            return new RawResponse(null, -1, Map.of(), new byte[0], After.RESET, new byte[0]);
        }
        if (head == null) {
            return new RawResponse(null, -1, Map.of(), new byte[0], After.CLOSED, new byte[0]);
        }
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        String statusLine = lines[0];
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        List<String> te = headers.getOrDefault("transfer-encoding", List.of());
        List<String> cl = headers.getOrDefault("content-length", List.of());
        if (status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (!te.isEmpty() && te.get(0).equalsIgnoreCase("chunked")) {
            body = readChunked(in);
        } else if (!cl.isEmpty()) {
            body = in.readNBytes(Integer.parseInt(cl.get(0)));
        } else {
            body = in.readAllBytes();
            return new RawResponse(statusLine, status, headers, body, After.CLOSED, new byte[0]);
        }
        s.setSoTimeout(CLOSE_WAIT_MILLIS);
        ByteArrayOutputStream more = new ByteArrayOutputStream();
        After after;
        try {
            int b = in.read();
            if (b < 0) {
                after = After.CLOSED;
            } else {
                more.write(b);
                try {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        more.write(buf, 0, n);
                    }
                } catch (SocketTimeoutException | SocketException e) {
                    // enough to show there was a second response
                }
                after = After.MORE;
            }
        } catch (SocketTimeoutException e) {
            after = After.OPEN;
        } catch (SocketException e) {
            after = After.RESET;
        }
        return new RawResponse(statusLine, status, headers, body, after, more.toByteArray());
    }

    /** Bytes up to and excluding CRLFCRLF; null if the connection closed first. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? null : head.toByteArray();
            }
            head.write(b);
            state = switch (state) {
                case 0, 2 -> b == '\r' ? state + 1 : 0;
                case 1, 3 -> b == '\n' ? state + 1 : (b == '\r' ? 1 : 0);
                default -> 0;
            };
            if (state == 4) {
                byte[] all = head.toByteArray();
                byte[] out = new byte[all.length - 4];
                System.arraycopy(all, 0, out, 0, out.length);
                return out;
            }
            if (head.size() > HEAD_BYTES_MAX) {
                throw new IOException("response head exceeds " + HEAD_BYTES_MAX + " bytes");
            }
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
