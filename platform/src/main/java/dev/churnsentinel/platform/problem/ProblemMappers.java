package dev.churnsentinel.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Every error of every service leaves as application/problem+json (RFC 9457): no stack traces, SQL or
 * class names, and for invalid input the path of each field with the reason.
 */
public class ProblemMappers {
    private final Instance<Unavailability> unavailability;

    public ProblemMappers(Instance<Unavailability> unavailability) {
        this.unavailability = unavailability;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = respond(e.problem());
        return e.retryAfterSeconds() == null ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(Problem.FieldError::of)
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemException.invalid(errors).problem());
    }

    /** Listed type by type: Quarkus has built-in mappers for some of them, which a parent type would not beat. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonMappingException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, JsonParseException.class})
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof JsonParseException parse) {
            return respond(Problem.of(400, "Malformed JSON", "the body is not valid JSON (line "
                    + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")"));
        }
        Problem.FieldError error = JsonErrors.describe(e);
        return respond(error == null ? Problem.of(400, "Malformed JSON", "the body could not be read as the expected JSON")
                : ProblemException.invalid(List.of(error)).problem());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized() {
        return Response.fromResponse(respond(Problem.of(401, "Unauthorized",
                        "send a valid API key as 'Authorization: Bearer <api-key>'")))
                .header("WWW-Authenticate", "Bearer realm=\"churn-sentinel\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden", "this API key does not have the role this operation needs"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = status == 404 ? "no such resource" : status == 405 ? "method not allowed on this resource"
                : status == 415 ? "send Content-Type: application/json" : title;
        return respond(Problem.of(status, title, detail));
    }

    @ServerExceptionMapper
    public Uni<Response> unexpected(Throwable e) {
        Uni<ProblemException> found = Uni.createFrom().nullItem();
        for (Unavailability kind : unavailability) {
            found = found.flatMap(known -> known != null ? Uni.createFrom().item(known)
                    : kind.unavailable(e).onFailure().recoverWithNull());
        }
        return found.map(unavailable -> {
            if (unavailable != null) {
                Log.warnf("answered 503: %s", e.toString());
                return problem(unavailable);
            }
            String reference = UUID.randomUUID().toString();
            Log.errorf(e, "unexpected error, reference %s", reference);
            return respond(Problem.of(500, "Internal Server Error",
                    "an unexpected error occurred; quote reference " + reference + " when reporting it"));
        });
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

}
