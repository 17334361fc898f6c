package org.farmstand.storefront.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.media.boundary.MediaService;
import org.farmstand.platform.persistence.TenantContext;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves image renditions at {@code /s/{slug}/media/{sha256}-{size}.jpg} (reached only through {@link TenantFilter},
 * so always for the request's shop). The hash in the URL makes the content immutable: cached for a year, with an
 * ETag. An unknown image answers 404 (pages show a placeholder instead of linking it).
 */
@WebServlet(urlPatterns = "/_media/*")
public class MediaServlet extends HttpServlet {

    private static final Pattern NAME = Pattern.compile("/([0-9a-f]{64})-(thumb|medium)\\.jpg");

    @Inject
    MediaService media;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ShopRequest shop = ShopRequest.of(request);
        Matcher matcher = NAME.matcher(String.valueOf(request.getPathInfo()));
        if (shop == null || !matcher.matches()) {
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
        Optional<MediaService.Rendition> rendition =
                TenantContext.callAs(shop.tenant().id(), () -> media.rendition(hash, size));
        if (rendition.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(rendition.get().contentType());
        response.setContentLength(rendition.get().bytes().length);
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        response.setHeader("ETag", etag);
        response.getOutputStream().write(rendition.get().bytes());
    }
}
