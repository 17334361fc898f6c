package org.farmstand.bench.baseline;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The bare servlet baseline of the load benchmark: what Payara Micro serves with no framework, no database and no
 * session. Deployed at /bench by ./bench.sh only (never in the product). Answers a small fixed HTML page.
 */
@WebServlet("/baseline")
public class BenchBaselineServlet extends HttpServlet {

    private static final byte[] BODY = ("<!DOCTYPE html><html><head><title>baseline</title></head>"
            + "<body><p>baseline</p></body></html>").getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
