package dev.churnsentinel.intervention.console;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.customer.ContactBook;
import dev.churnsentinel.intervention.notify.EmailSender;
import dev.churnsentinel.intervention.signin.ConsoleLinks;
import dev.churnsentinel.intervention.signin.Attempts;
import dev.churnsentinel.intervention.signin.LinkTokens;
import dev.churnsentinel.intervention.signin.SignIns;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * How people get in: a link from a notification (a signed, expiring, single-use token exchanged for a session
 * cookie), or a one-time link they ask for by e-mail. Failed and repeated attempts are slowed per client address
 * and per e-mail; the answer to a sign-in request never says whether the address is known.
 */
@ApplicationScoped
public class SignInFlow {
    private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);

    private final ConsoleLinks links;
    private final SignIns signIns;
    private final Viewers viewers;
    private final ContactBook contacts;
    private final EmailSender email;
    private final InterventionConfig.Console config;
    private final Attempts badLinks;
    private final Attempts requests;
    private final Attempts clientRequests;

    public SignInFlow(ConsoleLinks links, SignIns signIns, Viewers viewers, ContactBook contacts, EmailSender email,
                      InterventionConfig config) {
        this.links = links;
        this.signIns = signIns;
        this.viewers = viewers;
        this.contacts = contacts;
        this.email = email;
        this.config = config.console();
        this.badLinks = new Attempts(this.config.badLinksPerQuarterHour(), QUARTER_HOUR);
        this.requests = new Attempts(this.config.signInRequestsPerQuarterHour(), QUARTER_HOUR);
        this.clientRequests = new Attempts(
                this.config.signInRequestsPerClientPerQuarterHour(), QUARTER_HOUR);
    }

    /**
     * What opening a link shows. A valid link does not sign in on a GET: mail scanners and chat previews open links
     * too, and would use up a single-use token before the manager does. The page it answers posts the token back at
     * once (a script; a button without one), and only that POST signs in ({@link #redeem}). A link whose person is
     * already signed in in this browser goes straight to its page; a forged or expired one shows the sign-in page.
     */
    public Uni<Response> open(String token, ConsoleRequest request, UUID taskId, String action, String client) {
        Locale locale = request.locale();
        String target = (taskId == null ? "/console" : "/console/tasks/" + taskId)
                + ("acknowledge".equals(action) ? "?do=acknowledge" : "");
        LinkTokens.Claims claims;
        try {
            claims = links.tokens().verify(token, Instant.now());
        } catch (LinkTokens.Rejected e) {
            return refused(client, locale, target, e);
        }
        if (taskId != null && claims.taskId() != null && !taskId.equals(claims.taskId())) {
            return refused(client, locale, target, "link_invalid");
        }
        return viewers.current(request.session, locale).map(viewer -> {
            if (viewer != null && viewer.tenant().equals(claims.tenant()) && viewer.email().equalsIgnoreCase(claims.email())) {
                return Response.seeOther(URI.create(target)).build();
            }
            return Response.ok(Pages.signInContinue(token, target).setLocale(locale).render(), "text/html;charset=UTF-8")
                    .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
        });
    }

    /** Uses the link's token: a session for its person, and on to {@code next}; a used one shows the sign-in page. */
    public Uni<Response> redeem(String token, String next, Locale locale, String client) {
        String target = safeNext(next);
        LinkTokens.Claims claims;
        try {
            claims = links.tokens().verify(token, Instant.now());
        } catch (LinkTokens.Rejected e) {
            return refused(client, locale, target, e);
        }
        return viewers.person(claims.tenant(), claims.email()).flatMap(person -> signIns.redeem(token, claims,
                person.name(), viewers.roleOf(person).name(), config.sessionValidity())).flatMap(opened -> {
            if (opened == null) {
                return refused(client, locale, target, "link_used");
            }
            return Uni.createFrom().item(Response.seeOther(URI.create(target))
                    .cookie(viewers.sessionCookie(opened.cookie())).build());
        });
    }

    private Uni<Response> refused(String client, Locale locale, String next, LinkTokens.Rejected why) {
        return refused(client, locale, next, why.why() == LinkTokens.Rejection.EXPIRED ? "link_expired" : "link_invalid");
    }

    private Uni<Response> refused(String client, Locale locale, String next, String message) {
        if (!badLinks.allow(client == null ? "?" : client, Instant.now())) {
            return Uni.createFrom().item(Response.status(429).header("Retry-After", QUARTER_HOUR.toSeconds())
                    .entity(Pages.signIn(new Views.SignInPage(next, "too_many", null, locale)).setLocale(locale).render())
                    .type("text/html").build());
        }
        return Uni.createFrom().item(page(401, next, message, null, locale));
    }

    public Response page(int status, String next, String message, String address, Locale locale) {
        return Response.status(status).type("text/html;charset=UTF-8")
                .entity(Pages.signIn(new Views.SignInPage(safeNext(next), message, address, locale)).setLocale(locale).render())
                .build();
    }

    /**
     * Sends a one-time link to the address in every tenant where it is a contact; the answer is the same whether
     * it is known or not (and whether a link was sent), so the form tells no one who is a contact.
     */
    public Uni<Response> request(String address, String next, String client, Locale locale) {
        String wanted = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty() || wanted.length() > 320 || !wanted.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return Uni.createFrom().item(page(400, next, "email_invalid", address, locale));
        }
        Instant now = Instant.now();
        if (!clientRequests.allow(client, now) | !requests.allow(wanted, now)) {
            return Uni.createFrom().item(page(429, next, "too_many", wanted, locale));
        }
        return contacts.whoIs(wanted).flatMap(people -> send(people, safeNext(next)))
                .replaceWith(page(200, next, "link_sent", wanted, locale));
    }

    private Uni<Void> send(List<ContactBook.Person> people, String next) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (ContactBook.Person person : people) {
            UUID task = next.startsWith("/console/tasks/") ? parse(next.substring("/console/tasks/".length())) : null;
            String link = links.link(person.tenant(), person.email(), task);
            String name = person.name() == null ? "" : person.name();
            String text = name + "，您好 / Hello " + name + ",\n\n"
                    + "点击以下链接登录 Churn Sentinel 管理台（" + config.linkValidity().toDays() + " 天内有效，仅可使用一次）：\n"
                    + "Open this link to sign in to the Churn Sentinel console (valid for " + config.linkValidity().toDays()
                    + " days, once):\n\n" + link + "\n\n"
                    + "如果不是您本人操作，请忽略此邮件。 / If you did not ask for it, ignore this e-mail.\n";
            all = all.chain(() -> email.send(null, person.email(), "Churn Sentinel 登录链接 / sign-in link", text, null)
                    .invoke(error -> {
                        if (error != null) {
                            Log.warnf("sign-in link for tenant %s could not be sent: %s", person.tenant(), error);
                        }
                    }).replaceWithVoid());
        }
        return all;
    }

    /** Only paths inside the console: never an open redirect. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/console") || next.startsWith("//") || next.contains("\\")
                || next.contains("\n") || next.contains("\r")) {
            return "/console";
        }
        return next;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id.contains("?") ? id.substring(0, id.indexOf('?')) : id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
