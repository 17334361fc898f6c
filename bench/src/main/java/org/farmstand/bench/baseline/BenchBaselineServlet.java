package org.farmstand.bench.baseline;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare servlet baseline of the load benchmark: what Payara Micro serves with no framework, no database and no
 * session. Deployed at /bench by ./bench.sh only (never in the product). Answers a small fixed HTML page, or with
 * {@code ?bytes=N} (1 to 1 MiB) a page of exactly N bytes: the bare servlet sending as much as a catalog page does.
 */
@WebServlet("/baseline")
public class BenchBaselineServlet extends HttpServlet {

    private static final byte[] BODY = ("<!DOCTYPE html><html><head><title>baseline</title></head>"
            + "<body><p>baseline</p></body></html>").getBytes(StandardCharsets.UTF_8);

    private static final int MAX_BYTES = 1 << 20;
    /** Bodies by size, built once (the bench asks for one size). */
    private static final Map<Integer, byte[]> SIZED = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = BODY;
        String bytes = request.getParameter("bytes");
        if (bytes != null) {
            int n;
            try {
                n = Integer.parseInt(bytes);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < BODY.length || n > MAX_BYTES) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
            body = SIZED.computeIfAbsent(n, BenchBaselineServlet::padded);
        }
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The small page, padded with spaces before its end to {@code n} bytes. */
    static byte[] padded(int n) {
        byte[] body = new byte[n];
        Arrays.fill(body, (byte) ' ');
        int tail = "</body></html>".length();
        System.arraycopy(BODY, 0, body, 0, BODY.length - tail);
        System.arraycopy(BODY, BODY.length - tail, body, n - tail, tail);
        return body;
    }
}
