package org.farmstand.admin.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@code farmstand.api.max-body-bytes} with 413: by their Content-Length before anything
 * else runs (no token lookup), and bodies without one (chunked) by counting while they are read, so no more than the
 * limit is ever read into memory.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class ApiBodyLimit implements ContainerRequestFilter, ReaderInterceptor {

    private static final String STREAM = ApiBodyLimit.class.getName() + ".stream";

    @Inject
    @ConfigProperty(name = "farmstand.api.max-body-bytes", defaultValue = "1048576")
    long maxBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > maxBytes) {
                request.abortWith(tooLarge().response());
                return;
            }
        }
        if (request.hasEntity()) {
            Limited stream = new Limited(request.getEntityStream(), maxBytes);
            request.setEntityStream(stream);
            request.setProperty(STREAM, stream);
        }
    }

    /** Whatever the reader made of the cut-off body (an I/O error, malformed JSON): the answer is 413. */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            if (context.getProperty(STREAM) instanceof Limited limited && limited.exceeded) {
                throw tooLarge().exception();
            }
            throw e;
        }
    }

    private Problem tooLarge() {
        return Problem.of(413, "body-too-large", "Request body too large",
                "The request body is larger than " + maxBytes + " bytes.");
    }

    /** Counts what is read and fails once more than the limit came. */
    static final class Limited extends FilterInputStream {
        private final long max;
        private long count;
        volatile boolean exceeded;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false; // a reset would count bytes twice
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > max) {
                exceeded = true;
                throw new IOException("request body larger than " + max + " bytes");
            }
        }
    }
}
