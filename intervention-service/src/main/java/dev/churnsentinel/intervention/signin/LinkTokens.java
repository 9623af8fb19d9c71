package dev.churnsentinel.intervention.signin;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The tokens of sign-in links: who the link signs in (tenant and e-mail), which task it opens (or none), until when,
 * and a random nonce, signed with HMAC-SHA256 under a key from configuration. Nothing is stored when a token is made;
 * the store remembers the {@link #digest} of each token that was used, so a token works once.
 */
public final class LinkTokens {
    private static final String VERSION = "1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int NONCE_BYTES = 16;
    /** Longer tokens are refused before any work is done on them. */
    private static final int MAX_TOKEN_LENGTH = 1024;

    /** What a valid token says. {@code taskId} is null for a link that opens the queue. */
    public record Claims(String tenant, String email, UUID taskId, Instant expiresAt) {
    }

    public enum Rejection { MALFORMED, FORGED, EXPIRED }

    public static final class Rejected extends Exception {
        private final Rejection why;

        Rejected(Rejection why) {
            super(why.name(), null, false, false);
            this.why = why;
        }

        public Rejection why() {
            return why;
        }
    }

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    /** @param key at least 32 bytes */
    public LinkTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a link signing key needs at least 32 bytes");
        }
        this.key = key.clone();
    }

    public String issue(String tenant, String email, UUID taskId, Instant expiresAt) {
        for (String field : new String[]{tenant, email}) {
            if (field == null || field.isEmpty() || field.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("tenant and e-mail must be one non-empty line each");
            }
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String payload = String.join("\n", VERSION, tenant, email, taskId == null ? "-" : taskId.toString(),
                Long.toString(expiresAt.getEpochSecond()), B64.encodeToString(nonce));
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(body) + "." + B64.encodeToString(mac(body));
    }

    public Claims verify(String token, Instant now) throws Rejected {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new Rejected(Rejection.MALFORMED);
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new Rejected(Rejection.MALFORMED);
        }
        byte[] body;
        byte[] signature;
        try {
            body = B64D.decode(token.substring(0, dot));
            signature = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new Rejected(Rejection.MALFORMED);
        }
        if (!MessageDigest.isEqual(mac(body), signature)) {
            throw new Rejected(Rejection.FORGED);
        }
        String[] fields = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        if (fields.length != 6 || !VERSION.equals(fields[0])) {
            throw new Rejected(Rejection.MALFORMED);
        }
        Instant expiresAt;
        UUID task;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[4]));
            task = "-".equals(fields[3]) ? null : UUID.fromString(fields[3]);
        } catch (IllegalArgumentException e) {
            throw new Rejected(Rejection.MALFORMED);
        }
        if (!now.isBefore(expiresAt)) {
            throw new Rejected(Rejection.EXPIRED);
        }
        return new Claims(fields[1], fields[2], task, expiresAt);
    }

    /** What is stored of a used token (and of a session id): its SHA-256, in hex. */
    public static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A random, URL-safe secret of 32 bytes (session ids). */
    public String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
