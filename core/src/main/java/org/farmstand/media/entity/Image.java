package org.farmstand.media.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.farmstand.platform.persistence.TenantOwned;

/** An uploaded image; bytes are stored once per tenant and content hash. */
@Entity
@Table(name = "image")
@NamedQuery(name = Image.FIND_BY_HASH, query = "SELECT i FROM Image i WHERE i.contentHash = :hash")
public class Image extends TenantOwned {

    public static final String FIND_BY_HASH = "Image.findByHash";

    @Column(name = "content_hash")
    private String contentHash;

    @Column(name = "content_type")
    private String contentType;

    private int width;

    private int height;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    private byte[] original;

    protected Image() {
    }

    public Image(String contentHash, String contentType, int width, int height, byte[] original) {
        this.contentHash = contentHash;
        this.contentType = contentType;
        this.width = width;
        this.height = height;
        this.original = original;
    }

    public String getContentHash() { return contentHash; }
    public String getContentType() { return contentType; }
    public int getWidth() { return width; }
    public int getHeight() { return height; }
    public byte[] getOriginal() { return original; }
}
