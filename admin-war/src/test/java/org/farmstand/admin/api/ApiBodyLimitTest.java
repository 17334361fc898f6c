package org.farmstand.admin.api;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiBodyLimitTest {

    @Test
    void aBodyUpToTheLimitIsReadWhole() throws IOException {
        var stream = new ApiBodyLimit.Limited(new ByteArrayInputStream(new byte[100]), 100);
        assertThat(stream.readAllBytes()).hasSize(100);
        assertThat(stream.exceeded).isFalse();
    }

    @Test
    void readingStopsOneChunkPastTheLimit() {
        var stream = new ApiBodyLimit.Limited(new ByteArrayInputStream(new byte[10_000]), 100);
        assertThatThrownBy(stream::readAllBytes).isInstanceOf(IOException.class);
        assertThat(stream.exceeded).isTrue();
        var single = new ApiBodyLimit.Limited(new ByteArrayInputStream(new byte[2]), 1);
        assertThatThrownBy(() -> {
            single.read();
            single.read();
        }).isInstanceOf(IOException.class);
    }
}
