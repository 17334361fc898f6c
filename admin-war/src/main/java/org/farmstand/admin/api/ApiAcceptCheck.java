package org.farmstand.admin.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * An {@code Accept} header Jersey cannot parse is a 400 problem, before routing and before the token is looked up:
 * Jersey would otherwise answer with the container's HTML error page. A well-formed type the API does not produce
 * still gets JAX-RS' 406, as a problem through {@link ProblemMappers}. (Content-Type: {@link ApiContentTypeCheck}.)
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class ApiAcceptCheck implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            request.getAcceptableMediaTypes();
        } catch (RuntimeException e) {
            // the answer must not be negotiated against the header that could not be read
            request.getHeaders().remove(HttpHeaders.ACCEPT);
            request.abortWith(ApiContentTypeCheck.malformed(HttpHeaders.ACCEPT).response());
        }
    }
}
