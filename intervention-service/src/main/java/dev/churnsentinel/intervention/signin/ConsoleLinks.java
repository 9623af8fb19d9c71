package dev.churnsentinel.intervention.signin;

import dev.churnsentinel.intervention.InterventionConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * The links into the console that notifications carry. A stored message holds a {@link #placeholder} for its link;
 * the link, with a fresh signed token for the person the message is addressed to, replaces it when the message is
 * sent, so no usable token is ever stored. The signing key comes from configuration; the prod profile refuses to
 * start without one, elsewhere a random key per start is used (links die with a restart).
 */
@ApplicationScoped
public class ConsoleLinks {
    private final InterventionConfig.Console config;
    private final LinkTokens tokens;

    public ConsoleLinks(InterventionConfig config) {
        this.config = config.console();
        this.tokens = new LinkTokens(key(this.config));
    }

    private static byte[] key(InterventionConfig.Console config) {
        if (config.signingKey().isPresent()) {
            byte[] key = config.signingKey().get().getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalStateException("sentinel.intervention.console.signing-key must have at least 32 characters");
            }
            return key;
        }
        SmallRyeConfig all = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        if (all.getProfiles().contains("prod") && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("sentinel.intervention.console.signing-key (SENTINEL_INTERVENTION_CONSOLE_SIGNING_KEY)"
                    + " is required in prod: it signs the sign-in links of e-mails and chat cards");
        }
        Log.warn("sentinel.intervention.console.signing-key is not set: a random key is used, and sign-in links "
                + "sent before a restart will not work after it");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    public LinkTokens tokens() {
        return tokens;
    }

    /**
     * What a stored message holds where its console link goes (to the task, or to the queue when {@code taskId} is
     * null); unguessable by the customer whose words it quotes.
     */
    public static String placeholder(UUID taskId) {
        return "⟦console-link " + (taskId == null ? "queue" : taskId) + "⟧";
    }

    /** A sign-in link that opens the task (or the queue, when {@code taskId} is null) as {@code email}. */
    public String link(String tenant, String email, UUID taskId) {
        String token = tokens.issue(tenant, email.trim().toLowerCase(java.util.Locale.ROOT), taskId,
                Instant.now().plus(config.linkValidity()));
        String path = taskId == null ? "/console" : "/console/tasks/" + taskId;
        return base() + path + "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The console's own address of a task (of the queue when {@code taskId} is null), without sign-in. */
    public String plain(UUID taskId) {
        return base() + (taskId == null ? "/console" : "/console/tasks/" + taskId);
    }

    /**
     * Replaces the placeholder in a message with a link for {@code email}; without an address, with the plain
     * address of the task (whoever opens it signs in).
     *
     * @param html whether {@code text} is HTML (the link is escaped for an attribute)
     */
    public String render(String text, String tenant, String email, UUID taskId, boolean html) {
        if (text == null || !text.contains(placeholder(taskId))) {
            return text;
        }
        String link = linkFor(tenant, email, taskId);
        return text.replace(placeholder(taskId), html ? link.replace("&", "&amp;") : link);
    }

    /** A sign-in link to the task for {@code email}; without an address, the task's plain address. */
    public String linkFor(String tenant, String email, UUID taskId) {
        return email == null || email.isBlank() ? plain(taskId) : link(tenant, email, taskId);
    }

    private String base() {
        String base = config.baseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
