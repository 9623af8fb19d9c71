package dev.churnsentinel.intervention.console;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.customer.ContactBook;
import dev.churnsentinel.intervention.signin.ConsoleSession;
import dev.churnsentinel.intervention.signin.SignIns;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Who is asking: the console session behind a cookie, their role, their language; and the session cookie itself. */
@ApplicationScoped
public class Viewers {
    public static final String SESSION_COOKIE = "cs_session";
    public static final String LANGUAGE_COOKIE = "cs_lang";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** No live session: the page asks to sign in, then comes back to {@code next}. */
    public static final class SignInRequired extends RuntimeException {
        public final String next;

        public SignInRequired(String next) {
            super("sign in", null, false, false);
            this.next = next;
        }
    }

    /** A POST without this session's CSRF token. */
    public static final class CsrfRefused extends RuntimeException {
        CsrfRefused() {
            super("missing or wrong CSRF token", null, false, false);
        }
    }

    /** Not there, or not this person's to see: the same answer either way. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String what) {
            super(what, null, false, false);
        }
    }

    private final SignIns signIns;
    private final ContactBook contacts;
    private final InterventionConfig.Console config;
    private final Set<String> managerRoles;

    public Viewers(SignIns signIns, ContactBook contacts, InterventionConfig config) {
        this.signIns = signIns;
        this.contacts = contacts;
        this.config = config.console();
        this.managerRoles = Set.copyOf(this.config.managerRoles());
    }

    /** The viewer of a page, or {@link SignInRequired}. */
    public Uni<Viewer> require(ConsoleRequest request, String next) {
        return current(request.session, request.locale()).map(viewer -> {
            if (viewer == null) {
                throw new SignInRequired(next);
            }
            return viewer;
        });
    }

    /** The viewer of a POST: a live session and its CSRF token, or {@link SignInRequired} / {@link CsrfRefused}. */
    public Uni<Viewer> acting(ConsoleRequest request, String next) {
        return require(request, next).map(viewer -> {
            if (request.csrf == null || !MessageDigest.isEqual(request.csrf.getBytes(StandardCharsets.UTF_8),
                    viewer.csrf().getBytes(StandardCharsets.UTF_8))) {
                throw new CsrfRefused();
            }
            return viewer;
        });
    }

    /** The viewer of an admin page: not an admin, and the page is "not found", as for anything out of reach. */
    public Uni<Viewer> admin(ConsoleRequest request, String next) {
        return require(request, next).map(Viewers::administering);
    }

    /** The viewer of an admin POST: a live session, its CSRF token, and an admin. */
    public Uni<Viewer> actingAdmin(ConsoleRequest request, String next) {
        return acting(request, next).map(Viewers::administering);
    }

    private static Viewer administering(Viewer viewer) {
        if (!viewer.administers()) {
            throw new NotFound("an admin page");
        }
        return viewer;
    }

    public Uni<Viewer> current(String cookie, Locale locale) {
        return signIns.find(cookie).map(session -> session == null ? null : viewer(session, locale));
    }

    private static Viewer viewer(ConsoleSession s, Locale locale) {
        return new Viewer(s.tenant, s.email, s.name, Reach.Role.valueOf(s.role), s.csrf, locale);
    }

    /** Who an address is in a tenant: their name and console role (a MEMBER when they are no contact there). */
    public Uni<ContactBook.Person> person(String tenant, String email) {
        return contacts.whoIs(email).map(people -> people.stream().filter(p -> p.tenant().equals(tenant)).findFirst()
                .orElse(new ContactBook.Person(tenant, email, null, Set.of())));
    }

    public Reach.Role roleOf(ContactBook.Person person) {
        return Reach.roleOf(person.roles(), person.roles().contains(ContactBook.CONSOLE_ADMIN), managerRoles);
    }

    public NewCookie sessionCookie(String value) {
        return new NewCookie.Builder(SESSION_COOKIE).value(value).path("/console").httpOnly(true)
                .secure(config.secureCookie()).sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) config.sessionValidity().toSeconds()).build();
    }

    public NewCookie expiredSessionCookie() {
        return new NewCookie.Builder(SESSION_COOKIE).value("").path("/console").httpOnly(true)
                .secure(config.secureCookie()).sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }

    /** The language chosen with the switch, else the browser's: Chinese or English. */
    public static Locale locale(String chosen, String acceptLanguage) {
        if ("zh".equals(chosen) || "en".equals(chosen)) {
            return Locale.forLanguageTag(chosen);
        }
        if (acceptLanguage != null) {
            for (Locale.LanguageRange range : parse(acceptLanguage)) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (tag.startsWith("zh")) {
                    return Locale.forLanguageTag("zh");
                }
                if (tag.startsWith("en")) {
                    return Locale.ENGLISH;
                }
            }
        }
        return Locale.forLanguageTag("zh");
    }

    private static List<Locale.LanguageRange> parse(String header) {
        try {
            return Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
