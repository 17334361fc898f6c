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
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
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

    /** Thrown with a message key (and its arguments, if any) when an upload is not an acceptable image. */
    public static class RejectedImage extends RuntimeException {
        private final String key;
        private final Object[] args;

        public RejectedImage(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args.clone();
        }

        public String key() {
            return key;
        }

        /** The message's {0}...: for {@code farmstand.image.unsupported-format} the format's name ("HEIC"). */
        public Object[] args() {
            return args.clone();
        }
    }

    /** ISO base media brands of HEIF files: iPhones' HEIC photos, other HEIF, AVIF. */
    private static final Map<String, String> HEIF_BRANDS = Map.ofEntries(
            Map.entry("heic", "HEIC"), Map.entry("heix", "HEIC"), Map.entry("heim", "HEIC"),
            Map.entry("heis", "HEIC"), Map.entry("hevc", "HEIC"), Map.entry("hevx", "HEIC"),
            Map.entry("hevm", "HEIC"), Map.entry("hevs", "HEIC"), Map.entry("mif1", "HEIF"),
            Map.entry("msf1", "HEIF"), Map.entry("avif", "AVIF"), Map.entry("avis", "AVIF"));

    /**
     * The name of a photo format that phones and browsers save but this shop cannot read, from the file's first bytes:
     * "WebP" (RIFF....WEBP), "HEIC", "HEIF" or "AVIF" (an ISO base media file: ....ftyp and the major brand); null
     * otherwise.
     */
    static String unsupportedPhotoFormat(byte[] bytes) {
        if (bytes.length >= 12 && ascii(bytes, 0, 4).equals("RIFF") && ascii(bytes, 8, 4).equals("WEBP")) {
            return "WebP";
        }
        if (bytes.length >= 12 && ascii(bytes, 4, 4).equals("ftyp")) {
            return HEIF_BRANDS.get(ascii(bytes, 8, 4));
        }
        return null;
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    public static Inspected inspect(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new RejectedImage("farmstand.image.empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new RejectedImage("farmstand.image.too-large");
        }
        String unsupported = unsupportedPhotoFormat(bytes);
        if (unsupported != null) {
            throw new RejectedImage("farmstand.image.unsupported-format", unsupported);
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
