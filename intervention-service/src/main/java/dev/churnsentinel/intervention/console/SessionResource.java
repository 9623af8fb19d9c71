package dev.churnsentinel.intervention.console;

import dev.churnsentinel.intervention.signin.SignIns;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Signing in with an e-mailed link, signing out, and the language switch. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SessionResource {
    private final SignInFlow flow;
    private final SignIns signIns;
    private final Viewers viewers;

    public SessionResource(SignInFlow flow, SignIns signIns, Viewers viewers) {
        this.flow = flow;
        this.signIns = signIns;
        this.viewers = viewers;
    }

    @GET
    @Path("/sign-in")
    public Response signInPage(@QueryParam("next") String next, @BeanParam ConsoleRequest request) {
        return flow.page(200, next, null, null, request.locale());
    }

    /**
     * Asks for a one-time link. There is no session to carry a CSRF token yet, so the request must come from the
     * console's own page (Origin, when the browser sends it); the link only ever goes to the address itself.
     */
    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> requestLink(@FormParam("email") String email, @FormParam("next") String next,
                                     @BeanParam ConsoleRequest request, @Context HttpServerRequest http) {
        if (request.crossSite()) {
            return Uni.createFrom().item(Response.status(403).build());
        }
        return flow.request(email, next, ConsoleResource.client(http), request.locale());
    }

    /** Uses a link's token (posted by the page the link opened): signs in and goes on to the task. */
    @POST
    @Path("/sign-in/link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> useLink(@FormParam("t") String token, @FormParam("next") String next,
                                 @BeanParam ConsoleRequest request, @Context HttpServerRequest http) {
        if (request.crossSite()) {
            return Uni.createFrom().item(Response.status(403).build());
        }
        return flow.redeem(token, next, request.locale(), ConsoleResource.client(http));
    }

    @POST
    @Path("/sign-out")
    public Uni<Response> signOut(@BeanParam ConsoleRequest request) {
        return viewers.acting(request, "/console")
                .flatMap(viewer -> signIns.close(request.session))
                .replaceWith(Response.status(200).header("HX-Redirect", "/console/sign-in")
                        .cookie(viewers.expiredSessionCookie()).build());
    }

    /** Switches the language (a preference, not a change of any task): back to where the person was. */
    @GET
    @Path("/lang/{lang:zh|en}")
    public Response language(@jakarta.ws.rs.PathParam("lang") String lang, @HeaderParam("Referer") String referer) {
        String back = null;
        try {
            URI from = referer == null ? null : URI.create(referer);
            back = from == null ? null : from.getRawPath();
        } catch (IllegalArgumentException e) {
            // not a URI: back to the queue
        }
        return Response.seeOther(URI.create(SignInFlow.safeNext(back)))
                .cookie(new NewCookie.Builder(Viewers.LANGUAGE_COOKIE).value(lang).path("/console").maxAge(365 * 24 * 3600)
                        .sameSite(NewCookie.SameSite.LAX).build()).build();
    }
}
