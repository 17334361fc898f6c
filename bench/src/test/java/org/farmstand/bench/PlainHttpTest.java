package org.farmstand.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench's HTTP client against a canned server on 127.0.0.1 (one connection at a time, answers by script). */
class PlainHttpTest {

    /** Appended to a scripted answer: the server closes the connection after it without saying so. */
    private static final String SILENT_CLOSE = "<close>";

    private ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    /**
     * Serves connections one after another; {@code answer} gets the request head (and body) and returns the raw
     * answer (ending in {@link #SILENT_CLOSE}: the connection is closed after it), or null to close it instead.
     */
    private PlainHttp serve(Function<String, String> answer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    connections.incrementAndGet();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream out = s.getOutputStream();
                    while (true) {
                        StringBuilder head = new StringBuilder();
                        int length = 0;
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            head.append(line).append('\n');
                            if (line.toLowerCase().startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).trim());
                            }
                        }
                        if (head.length() == 0) {
                            break;
                        }
                        char[] body = new char[length];
                        int read = 0;
                        while (read < length) {
                            read += in.read(body, read, length - read);
                        }
                        String request = head + new String(body);
                        requests.add(request);
                        String raw = answer.apply(request);
                        if (raw == null) {
                            break;
                        }
                        boolean silentClose = raw.endsWith(SILENT_CLOSE);
                        out.write(raw.replace(SILENT_CLOSE, "").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        if (silentClose || raw.contains("Connection: close")) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    // the test closed the server
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return new PlainHttp("127.0.0.1", server.getLocalPort(), 5_000);
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsLengthAndChunkedAnswersOnOneKeptAliveConnection() throws Exception {
        PlainHttp http = serve(request -> request.startsWith("GET /chunked")
                ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nSet-Cookie: a=1; Path=/\r\nSet-Cookie: b=2\r\n\r\n"
                + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n"
                : "HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 3\r\n\r\nabc");
        PlainHttp.Answer chunked = http.exchange("/chunked", "x=1", null);
        assertThat(chunked.status()).isEqualTo(200);
        assertThat(new String(chunked.body(), StandardCharsets.UTF_8)).isEqualTo("hello, world");
        assertThat(chunked.headers("set-cookie")).containsExactly("a=1; Path=/", "b=2");
        PlainHttp.Answer posted = http.exchange("/form", null, "k=v&w=%C3%A4");
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.header("location")).isEqualTo("/next");
        assertThat(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(connections.get()).as("one keep-alive connection").isEqualTo(1);
        assertThat(requests.get(0)).startsWith("GET /chunked HTTP/1.1\n").contains("Cookie: x=1\n");
        assertThat(requests.get(1)).startsWith("POST /form HTTP/1.1\n")
                .contains("Content-Type: application/x-www-form-urlencoded\n").endsWith("k=v&w=%C3%A4");
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsOpenedAgainAndTheRequestSentOnce() throws Exception {
        // every connection answers one request and is then closed by the server without a Connection header
        PlainHttp http = serve(request -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" + SILENT_CLOSE);
        assertThat(http.exchange("/a", null, null).status()).isEqualTo(200);
        Thread.sleep(200); // the server has closed its end meanwhile
        assertThat(http.exchange("/b", null, null).status()).isEqualTo(200);
        assertThat(connections.get()).isEqualTo(2);
        assertThat(requests).as("each request reached the server once").hasSize(2);
    }

    @Test
    void anAnswerCutShortIsAnErrorNotAResult() throws Exception {
        PlainHttp http = serve(request -> "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nshort");
        assertThatThrownBy(() -> http.exchange("/", null, null)).isInstanceOf(IOException.class);
        assertThat(requests).as("not sent again: an answer had begun").hasSize(1);
    }
}
