package org.farmstand.testing;

import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * One HTTP/1.1 exchange over a plain socket, for what the JDK's client does not let a test send: a Host header of
 * the test's choosing (a forged one). Answers the response's status line and headers.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code method} for {@code path} (below {@code base}) with the Host header {@code host}, the cookies
     * ({@code name=value; ...}, may be empty) and an optional form body; returns the status line and headers.
     */
    public static String exchange(URL base, String method, String path, String host, String cookies, String formBody)
            throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + base.getPath() + path + " HTTP/1.1\r\n")
                    .append("Host: ").append(host).append("\r\n").append("Connection: close\r\n");
            if (!cookies.isEmpty()) {
                request.append("Cookie: ").append(cookies).append("\r\n");
            }
            if (formBody != null) {
                request.append("Content-Type: application/x-www-form-urlencoded\r\n")
                        .append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            return end < 0 ? response : response.substring(0, end);
        }
    }

    /** The {@code Cookie} header of a client's cookies. */
    public static String cookieHeader(Http http) {
        return http.cookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    public static int status(String responseHead) {
        return Integer.parseInt(responseHead.substring(responseHead.indexOf(' ') + 1, responseHead.indexOf(' ') + 4));
    }

    /** The Location header's value, or "". */
    public static String location(String responseHead) {
        return responseHead.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                .map(l -> l.substring(9).strip()).findFirst().orElse("");
    }
}
