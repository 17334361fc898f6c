package org.farmstand.storefront.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.media.boundary.MediaService;
import org.farmstand.media.boundary.Renditions;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves image renditions at {@code /s/{slug}/media/{sha256}-{size}.jpg}, called by {@link TenantFilter} for the
 * request's shop (with its tenant set) instead of a forward to a servlet (a forward costs more CPU than sending the
 * cached bytes). The hash in the URL makes the content immutable: cached for a year, with an ETag. An unknown image
 * answers 404 (pages show a placeholder instead of linking it).
 */
@ApplicationScoped
public class MediaDelivery {

    private static final Pattern NAME = Pattern.compile("/([0-9a-f]{64})-(thumb|medium)\\.jpg");

    @Inject
    Renditions renditions;

    /**
     * Answers a GET or HEAD of an image of the thread's shop.
     *
     * @param name the path after {@code /media}, e.g. {@code /<sha256>-thumb.jpg}
     */
    void send(String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String hash = matcher.group(1);
        MediaService.Size size = MediaService.Size.valueOf(matcher.group(2).toUpperCase(Locale.ROOT));
        String etag = "\"" + hash.substring(0, 16) + "-" + size.name().toLowerCase(Locale.ROOT) + "\"";
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            response.setHeader("ETag", etag);
            return;
        }
        Optional<MediaService.Rendition> rendition = renditions.of(hash, size);
        if (rendition.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(rendition.get().contentType());
        response.setContentLength(rendition.get().bytes().length);
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        response.setHeader("ETag", etag);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(rendition.get().bytes());
        }
    }
}
