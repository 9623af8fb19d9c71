package dev.churnsentinel.intervention.console;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;

import java.net.URI;
import java.util.Locale;

/** What every console request carries for the pages: the session cookie, the language asked for, the CSRF token. */
public class ConsoleRequest {
    @CookieParam(Viewers.SESSION_COOKIE)
    String session;

    @CookieParam(Viewers.LANGUAGE_COOKIE)
    String language;

    @HeaderParam("Accept-Language")
    String acceptLanguage;

    @HeaderParam(Viewers.CSRF_HEADER)
    String csrf;

    @HeaderParam("Origin")
    String origin;

    @HeaderParam("Host")
    String host;

    /** The language switch's choice, else the browser's: Chinese or English. */
    public Locale locale() {
        return Viewers.locale(language, acceptLanguage);
    }

    /**
     * Whether a form was posted from another site (its Origin, when the browser sends one, is not this host): the
     * check for the sign-in forms, which have no session and so no CSRF token yet.
     */
    public boolean crossSite() {
        if (origin == null || "null".equals(origin) || host == null) {
            return false;
        }
        try {
            return !host.equalsIgnoreCase(URI.create(origin).getAuthority());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
