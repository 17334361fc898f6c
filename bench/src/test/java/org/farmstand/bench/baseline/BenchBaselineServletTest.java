package org.farmstand.bench.baseline;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The same-size baseline page: exactly the bytes asked for, still a complete HTML page. */
class BenchBaselineServletTest {

    @Test
    void aPaddedPageHasTheSizeAskedForAndStaysAPage() {
        byte[] page = BenchBaselineServlet.padded(20_000);
        String text = new String(page, StandardCharsets.UTF_8);
        assertThat(page).hasSize(20_000);
        assertThat(text).startsWith("<!DOCTYPE html><html><head><title>baseline</title></head><body><p>baseline</p>")
                .endsWith("</body></html>");
    }
}
