package dev.churnsentinel.intervention.console;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The console's refusals as a person sees them: the sign-in page, a page saying "not found", a 403 for a bad token. */
public class ConsoleErrors {

    @ServerExceptionMapper
    public Response signIn(Viewers.SignInRequired e, HttpHeaders headers) {
        String location = "/console/sign-in?next=" + URLEncoder.encode(SignInFlow.safeNext(e.next), StandardCharsets.UTF_8);
        if (headers.getHeaderString("HX-Request") != null) {
            // htmx follows this header with a full page load instead of swapping a redirect's body into a fragment
            return Response.status(401).header("HX-Redirect", location).build();
        }
        return Response.seeOther(URI.create(location)).build();
    }

    @ServerExceptionMapper
    public Response notFound(Viewers.NotFound e, HttpHeaders headers) {
        Locale locale = Viewers.locale(cookie(headers, Viewers.LANGUAGE_COOKIE), headers.getHeaderString("Accept-Language"));
        return Response.status(404).type("text/html;charset=UTF-8")
                .entity(Pages.notFound(null).setLocale(locale).render()).build();
    }

    @ServerExceptionMapper
    public Response csrf(Viewers.CsrfRefused e) {
        return Response.status(403).type("text/plain;charset=UTF-8")
                .entity("This form has expired or did not come from the console: reload the page. / 表单已过期，请刷新页面。").build();
    }

    private static String cookie(HttpHeaders headers, String name) {
        var cookie = headers.getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }
}
