package org.farmstand.media.control;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageProcessorTest {

    static byte[] png(int width, int height) throws Exception {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Test
    void acceptsRealImagesByContent() throws Exception {
        var inspected = ImageProcessor.inspect(png(640, 480));
        assertThat(inspected.contentType()).isEqualTo("image/png");
        assertThat(inspected.width()).isEqualTo(640);
    }

    @Test
    void rejectsWhatIsNotAnImageWhateverItsName() {
        assertThatThrownBy(() -> ImageProcessor.inspect("<?php echo 1; ?>".getBytes()))
                .isInstanceOf(ImageProcessor.RejectedImage.class).hasMessage("farmstand.image.not-an-image");
        assertThatThrownBy(() -> ImageProcessor.inspect(new byte[0])).hasMessage("farmstand.image.empty");
    }

    static byte[] startingWith(String head) {
        return java.util.Arrays.copyOf(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 200);
    }

    @Test
    void photosInFormatsItCannotReadAreNamedNotCalledNoImage() {
        for (String[] photo : new String[][] {{"\0\0\0\u0018ftypheic\0\0\0\0mif1heic", "HEIC"},
                {"\0\0\0\u001cftypmif1\0\0\0\0mif1heic", "HEIF"}, {"\0\0\0\u001cftypavif\0\0\0\0avifmif1", "AVIF"},
                {"RIFF\u00a0\u0086\u0001\0WEBPVP8 ", "WebP"}}) {
            assertThatThrownBy(() -> ImageProcessor.inspect(startingWith(photo[0])))
                    .isInstanceOfSatisfying(ImageProcessor.RejectedImage.class, e -> {
                        assertThat(e.key()).isEqualTo("farmstand.image.unsupported-format");
                        assertThat(e.args()).containsExactly(photo[1]);
                    });
        }
        // other files with the same kind of header are still no image (a video, a WAV file)
        assertThatThrownBy(() -> ImageProcessor.inspect(startingWith("\0\0\0\u0018ftypisom\0\0\0\0isomiso2")))
                .hasMessage("farmstand.image.not-an-image");
        assertThatThrownBy(() -> ImageProcessor.inspect(startingWith("RIFF\u00a0\u0086\u0001\0WAVEfmt ")))
                .hasMessage("farmstand.image.not-an-image");
        assertThatThrownBy(() -> ImageProcessor.inspect(startingWith("RIFF"))).hasMessage("farmstand.image.not-an-image");
    }

    @Test
    void rejectsTinyAndHugeImages() throws Exception {
        assertThatThrownBy(() -> ImageProcessor.inspect(png(8, 8))).hasMessage("farmstand.image.too-small-dimensions");
        assertThatThrownBy(() -> ImageProcessor.inspect(png(7000, 20))).hasMessage("farmstand.image.too-big-dimensions");
    }

    @Test
    void scalesDownKeepingAspectRatioNeverUp() throws Exception {
        BufferedImage scaled = ImageProcessor.scaled(png(1600, 800), 320);
        assertThat(scaled.getWidth()).isEqualTo(320);
        assertThat(scaled.getHeight()).isEqualTo(160);
        assertThat(ImageProcessor.scaled(png(100, 50), 320).getWidth()).isEqualTo(100);
        byte[] jpeg = ImageProcessor.jpeg(scaled);
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth()).isEqualTo(320);
    }
}
