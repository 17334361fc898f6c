package org.farmstand.media.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.farmstand.platform.persistence.TenantOwned;

@Entity
@Table(name = "image_rendition")
@NamedQuery(name = ImageRendition.FIND, query =
        "SELECT r FROM ImageRendition r, Image i WHERE r.imageId = i.id AND i.contentHash = :hash AND r.sizeName = :size")
public class ImageRendition extends TenantOwned {

    public static final String FIND = "ImageRendition.find";

    @Column(name = "image_id")
    private long imageId;

    @Column(name = "size_name")
    private String sizeName;

    private int width;

    private int height;

    @Lob
    private byte[] bytes;

    protected ImageRendition() {
    }

    public ImageRendition(long imageId, String sizeName, int width, int height, byte[] bytes) {
        this.imageId = imageId;
        this.sizeName = sizeName;
        this.width = width;
        this.height = height;
        this.bytes = bytes;
    }

    public long getImageId() { return imageId; }
    public String getSizeName() { return sizeName; }
    public int getWidth() { return width; }
    public int getHeight() { return height; }
    public byte[] getBytes() { return bytes; }
}
