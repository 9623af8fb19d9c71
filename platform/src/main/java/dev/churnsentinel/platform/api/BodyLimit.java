package dev.churnsentinel.platform.api;

import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;

/**
 * Refuses a body larger than {@code sentinel.http.max-body-size} with a 413 problem+json naming the limit, before
 * the body is read (from its Content-Length; a client waiting for {@code 100 Continue} gets the 413 instead).
 * Quarkus' own {@code quarkus.http.limits.max-body-size} stays above it as the transport's last resort (it answers
 * an empty 413, also for chunked bodies that grow past it). Paths under {@code sentinel.http.upload-paths} (file
 * uploads, streamed to disk) are left to that transport limit.
 */
public class BodyLimit {
    private final long limit;
    private final List<String> uploadPaths;

    public BodyLimit(@ConfigProperty(name = "sentinel.http.max-body-size", defaultValue = "8M") MemorySize limit,
                     @ConfigProperty(name = "sentinel.http.upload-paths") Optional<List<String>> uploadPaths) {
        this.limit = limit.asLongValue();
        this.uploadPaths = uploadPaths.orElse(List.of());
    }

    @ServerRequestFilter(preMatching = true)
    public void refuseTooLarge(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || uploadPaths.stream().anyMatch(request.getUriInfo().getPath()::startsWith)) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.of(400, "Bad Request", "Content-Length '" + declared + "' is not a number"));
        }
        if (length > limit) {
            throw new ProblemException(Problem.of(413, "Content Too Large", "the body is " + length
                    + " bytes; at most " + limit + " bytes (" + (limit >> 20) + " MiB) are accepted: send fewer items per request"));
        }
    }
}
