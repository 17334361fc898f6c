package org.farmstand.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load client's HTTP/1.1: blocking sockets, one keep-alive connection per client thread, requests written and
 * answers read by the thread that times them. The JDK's {@code HttpClient} it replaces spent about a vCPU at 11,000
 * requests per second and, in the overload test, queued requests inside the client (one selector thread and a small
 * executor for all 256 visitors): what the bench measured was partly its own queue, and most of the surge's
 * arrivals were never sent. A client sharing 2 vCPUs with the system under test has to be cheap.
 * <p>
 * Enough HTTP for this bench and nothing more: GET and form POST, answers with {@code Content-Length}, chunked or
 * ended by the server closing; a connection the server closed while idle is opened again and the request sent once
 * more, but only when not a byte of an answer had arrived on it (and not after a read timed out). Targets
 * 127.0.0.1 only (checked by the caller).
 */
final class PlainHttp {

    /** An answer: status, the headers this bench reads (names in lower case, in order) and the body. */
    record Answer(int status, List<String[]> headers, byte[] body) {

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equals(name)) {
                    return h[1];
                }
            }
            return null;
        }

        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equals(name)) {
                    values.add(h[1]);
                }
            }
            return values;
        }
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final ThreadLocal<Connection> mine = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    PlainHttp(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends a request on this thread's connection and reads the whole answer.
     *
     * @param form a form body (POST), or null (GET)
     */
    Answer exchange(String path, String cookies, String form) throws IOException {
        return exchange(path, cookies, form, null);
    }

    /** The same with an {@code Authorization} header (e.g. {@code Bearer <token>}), when not null. */
    Answer exchange(String path, String cookies, String form, String authorization) throws IOException {
        byte[] request = request(path, cookies, form, authorization);
        Connection c = mine.get();
        boolean reused = c != null;
        if (c == null) {
            c = connect();
        }
        try {
            return c.exchange(request);
        } catch (IOException e) {
            c.close();
            if (!reused || c.answerStarted || e instanceof SocketTimeoutException) {
                throw e; // a timeout: the server has the request and is still at it
            }
            // the server closed the idle connection before our request reached it: nothing was processed
            return connect().exchange(request);
        }
    }

    /** Closes every connection (between steps, when no request is in flight). */
    void closeAll() {
        for (Connection c : open) {
            c.close();
        }
    }

    private Connection connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress(host, port), 5_000);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        Connection c = new Connection(socket);
        open.add(c);
        mine.set(c);
        return c;
    }

    private byte[] request(String path, String cookies, String form, String authorization) {
        StringBuilder b = new StringBuilder(256);
        b.append(form == null ? "GET " : "POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':')
                .append(port).append("\r\nUser-Agent: farmstand-bench\r\nAccept: */*\r\n");
        if (cookies != null) {
            b.append("Cookie: ").append(cookies).append("\r\n");
        }
        if (authorization != null) {
            b.append("Authorization: ").append(authorization).append("\r\n");
        }
        byte[] body = form == null ? null : form.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            b.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length)
                    .append("\r\n");
        }
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null) {
            return head;
        }
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        /** Whether a byte of the current answer has been read (then a failure is not retried). */
        boolean answerStarted;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 32 * 1024);
            this.out = socket.getOutputStream();
        }

        Answer exchange(byte[] request) throws IOException {
            answerStarted = false;
            out.write(request);
            out.flush();
            String statusLine = line(true);
            answerStarted = true;
            // HTTP/1.1 200 OK
            int space = statusLine.indexOf(' ');
            if (!statusLine.startsWith("HTTP/1.") || space < 0 || statusLine.length() < space + 4) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(space + 1, space + 4));
            List<String[]> headers = new ArrayList<>();
            long length = -1;
            boolean chunked = false;
            boolean close = statusLine.startsWith("HTTP/1.0");
            for (String line = line(false); !line.isEmpty(); line = line(false)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                headers.add(new String[] {name, value});
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close |= value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] body;
            if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
                body = new byte[0];
            } else if (chunked) {
                body = chunks();
            } else if (length >= 0) {
                body = in.readNBytes((int) length);
                if (body.length < length) {
                    throw new EOFException("answer ended after " + body.length + " of " + length + " bytes");
                }
            } else {
                body = in.readAllBytes();
                close = true;
            }
            if (close) {
                close();
            }
            return new Answer(status, headers, body);
        }

        private byte[] chunks() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream(32 * 1024);
            while (true) {
                String size = line(false);
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    while (!line(false).isEmpty()) {
                        // trailers: none expected, skipped
                    }
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes(n);
                if (chunk.length < n) {
                    throw new EOFException("chunk ended early");
                }
                body.write(chunk);
                line(false); // the CRLF after the chunk
            }
        }

        /** One line (ISO-8859-1, without CRLF); EOF before its first byte throws. */
        private String line(boolean first) throws IOException {
            StringBuilder b = new StringBuilder(64);
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new EOFException(first && b.length() == 0 ? "connection closed by the server"
                            : "answer ended in a line");
                }
                if (c == '\n') {
                    int end = b.length();
                    if (end > 0 && b.charAt(end - 1) == '\r') {
                        b.setLength(end - 1);
                    }
                    return b.toString();
                }
                b.append((char) c);
            }
        }

        void close() {
            open.remove(this);
            if (mine.get() == this) {
                mine.remove();
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
