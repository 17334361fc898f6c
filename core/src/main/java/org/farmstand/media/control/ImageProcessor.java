package org.farmstand.media.control;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Set;

/**
 * Checks uploads by their content (not their file name) and scales renditions. Pure Java (ImageIO), no container.
 */
public final class ImageProcessor {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_SIDE = 6000;
    public static final int MIN_SIDE = 16;
    private static final Set<String> FORMATS = Set.of("jpeg", "png", "gif");

    private ImageProcessor() {
    }

    /** The result of inspecting an upload. */
    public record Inspected(String contentType, String format, int width, int height) {
    }

    /** Thrown with a message key when an upload is not an acceptable image. */
    public static class RejectedImage extends RuntimeException {
        private final String key;

        public RejectedImage(String key) {
            super(key);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public static Inspected inspect(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new RejectedImage("farmstand.image.empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new RejectedImage("farmstand.image.too-large");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RejectedImage("farmstand.image.not-an-image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                if (format.equals("jpg")) {
                    format = "jpeg";
                }
                if (!FORMATS.contains(format)) {
                    throw new RejectedImage("farmstand.image.unsupported-type");
                }
                reader.setInput(in);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_SIDE || height > MAX_SIDE) {
                    throw new RejectedImage("farmstand.image.too-big-dimensions");
                }
                if (width < MIN_SIDE || height < MIN_SIDE) {
                    throw new RejectedImage("farmstand.image.too-small-dimensions");
                }
                return new Inspected("image/" + format, format, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new RejectedImage("farmstand.image.not-an-image");
        }
    }

    /** Scales to fit in a square of {@code maxSide} (never up) and encodes as JPEG. */
    public static BufferedImage scaled(byte[] bytes, int maxSide) {
        try {
            BufferedImage source = ImageIO.read(new ByteArrayInputStream(bytes));
            if (source == null) {
                throw new RejectedImage("farmstand.image.not-an-image");
            }
            double factor = Math.min(1.0, (double) maxSide / Math.max(source.getWidth(), source.getHeight()));
            int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
            int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
            BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = target.createGraphics();
            try {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, width, height);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(source, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
            return target;
        } catch (IOException e) {
            throw new RejectedImage("farmstand.image.not-an-image");
        }
    }

    public static byte[] jpeg(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
