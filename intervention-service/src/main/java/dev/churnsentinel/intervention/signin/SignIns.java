package dev.churnsentinel.intervention.signin;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Console sessions and the sign-in links already used: the owner of {@code console_session} and {@code console_link_use}. */
@ApplicationScoped
public class SignIns {
    private final ConsoleLinks links;

    public SignIns(ConsoleLinks links) {
        this.links = links;
    }

    /** A new session; the item is the cookie's value (only its digest is stored). */
    public record Opened(String cookie, ConsoleSession session) {
    }

    /**
     * Marks a link token used and opens a session for its person, in one transaction; null when the token was used
     * before (a second click, or another browser).
     */
    @WithTransaction
    public Uni<Opened> redeem(String token, LinkTokens.Claims claims, String name, String role, Duration validity) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into console_link_use (token_hash, used_at, expires_at) values (?1, now(), ?2) "
                                + "on conflict do nothing")
                .setParameter(1, LinkTokens.digest(token))
                .setParameter(2, claims.expiresAt().atOffset(ZoneOffset.UTC))
                .executeUpdate())
                .flatMap(inserted -> inserted == 1 ? open(claims.tenant(), claims.email(), name, role, validity)
                        : Uni.createFrom().nullItem());
    }

    private Uni<Opened> open(String tenant, String email, String name, String role, Duration validity) {
        String cookie = links.tokens().secret();
        ConsoleSession row = new ConsoleSession();
        row.idHash = LinkTokens.digest(cookie);
        row.tenant = tenant;
        row.email = email;
        row.name = name;
        row.role = role;
        row.csrf = links.tokens().secret();
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.expiresAt = row.createdAt.plus(validity);
        return ConsoleSession.delete("expiresAt < ?1", row.createdAt)
                .chain(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "delete from console_link_use where expires_at < now()").executeUpdate()))
                .chain(row::persist)
                .replaceWith(new Opened(cookie, row));
    }

    /** The live session of a cookie, or null. */
    @WithSession
    public Uni<ConsoleSession> find(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 100) {
            return Uni.createFrom().nullItem();
        }
        return ConsoleSession.<ConsoleSession>find("idHash = ?1 and expiresAt > ?2", LinkTokens.digest(cookie),
                OffsetDateTime.now(ZoneOffset.UTC)).firstResult();
    }

    /** Signs out: the session is gone at once, whatever the browser keeps. */
    @WithTransaction
    public Uni<Void> close(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return ConsoleSession.delete("idHash", LinkTokens.digest(cookie)).replaceWithVoid();
    }
}
