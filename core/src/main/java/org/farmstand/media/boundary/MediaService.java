package org.farmstand.media.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.media.control.ImageProcessor;
import org.farmstand.media.entity.Image;
import org.farmstand.media.entity.ImageRendition;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.platform.security.Tokens;

import java.awt.image.BufferedImage;
import java.io.Serializable;
import java.util.Optional;

/**
 * Images and their renditions. Content-addressed: the URL carries the SHA-256 of the original, so a rendition never
 * changes under its URL and can be cached for a year; a new upload gets a new URL.
 */
@ApplicationScoped
@Transactional
@Tenanted
public class MediaService {

    /** Rendition names and their longest side in pixels. */
    public enum Size {
        THUMB(320), MEDIUM(800);

        public final int maxSide;

        Size(int maxSide) {
            this.maxSide = maxSide;
        }
    }

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    /**
     * Checks and stores an upload with its renditions, and returns the image id. The same bytes uploaded twice give
     * the same image. Throws {@link ImageProcessor.RejectedImage} (with a message key) for anything not an image.
     */
    public long store(byte[] bytes) {
        ImageProcessor.Inspected inspected = ImageProcessor.inspect(bytes);
        String hash = Tokens.sha256Hex(bytes);
        Optional<Image> existing = em.createNamedQuery(Image.FIND_BY_HASH, Image.class)
                .setParameter("hash", hash).getResultStream().findFirst();
        if (existing.isPresent()) {
            return existing.get().getId();
        }
        Image image = new Image(hash, inspected.contentType(), inspected.width(), inspected.height(), bytes);
        em.persist(image);
        em.flush();
        for (Size size : Size.values()) {
            BufferedImage scaled = ImageProcessor.scaled(bytes, size.maxSide);
            em.persist(new ImageRendition(image.getId(), size.name(), scaled.getWidth(), scaled.getHeight(),
                    ImageProcessor.jpeg(scaled)));
        }
        return image.getId();
    }

    public Optional<String> hashOf(long imageId) {
        return em.createQuery("SELECT i.contentHash FROM Image i WHERE i.id = :id", String.class)
                .setParameter("id", imageId).getResultStream().findFirst();
    }

    /**
     * Reads a rendition of the thread's shop from the database. The storefront asks {@link Renditions}, which
     * serves it from JCache and calls this only on a miss.
     */
    public Optional<Rendition> loadRendition(String hash, Size size) {
        return em.createNamedQuery(ImageRendition.FIND, ImageRendition.class)
                .setParameter("hash", hash)
                .setParameter("size", size.name())
                .getResultStream().findFirst()
                .map(r -> new Rendition(r.getBytes(), "image/jpeg", r.getWidth(), r.getHeight()));
    }

    public record Rendition(byte[] bytes, String contentType, int width, int height) implements Serializable {
    }

    public record RenditionKey(long tenantId, String hash, Size size) implements Serializable {
    }
}
