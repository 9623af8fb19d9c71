package dev.churnsentinel.platform.api;

import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page cursors: the sort key of a page's last item, bound to the tenant and to the query (list, sort and
 * filters) it was issued for, and signed (HMAC-SHA256) so that a client can neither forge nor alter one.
 * <p>
 * Layout before Base64url: version byte, 8 bytes of the tenant's hash, 8 bytes of the query's hash, the number of
 * key values and each value (modified UTF-8), then the first 16 bytes of the HMAC over all of that.
 */
public final class Cursors {
    private static final byte VERSION = 1;
    private static final int HASH = 8;
    private static final int MAC = 16;
    private static final int MAX_LENGTH = 2048;

    private final SecretKeySpec key;

    public Cursors(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a cursor secret needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The cursor after an item whose sort key is {@code values}, for this tenant and query. */
    public String encode(String tenant, String query, List<String> values) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.write(hash(tenant));
            out.write(hash(query));
            out.writeByte(values.size());
            for (String value : values) {
                out.writeUTF(value);
            }
            out.write(mac(bytes.toByteArray()));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sort key a cursor holds.
     *
     * @throws ProblemException 400 on the field {@code cursor}: not one of ours, altered, another tenant's, or issued
     *                          for another sort or other filters
     */
    public List<String> decode(String cursor, String tenant, String query) {
        byte[] bytes;
        try {
            bytes = cursor.length() > MAX_LENGTH ? null : Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length < 1 + 2 * HASH + 1 + MAC || bytes[0] != VERSION) {
            throw invalid("is not a cursor this API issued; pass nextCursor from a previous page unchanged");
        }
        byte[] body = Arrays.copyOf(bytes, bytes.length - MAC);
        if (!MessageDigest.isEqual(mac(body), Arrays.copyOfRange(bytes, body.length, bytes.length))) {
            throw invalid("was altered or not issued by this service; pass nextCursor from a previous page unchanged");
        }
        if (!Arrays.equals(Arrays.copyOfRange(body, 1, 1 + HASH), hash(tenant))) {
            throw invalid("belongs to another tenant");
        }
        if (!Arrays.equals(Arrays.copyOfRange(body, 1 + HASH, 1 + 2 * HASH), hash(query))) {
            throw invalid("was issued for another sort or other filters; repeat the first page's parameters with it");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(body, 1 + 2 * HASH, body.length));
            int count = in.readUnsignedByte();
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(in.readUTF());
            }
            return values;
        } catch (IOException e) {
            throw invalid("is not a cursor this API issued");
        }
    }

    private static ProblemException invalid(String why) {
        return ProblemException.invalid(List.of(new Problem.FieldError("cursor", why)));
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(body), MAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hash(String text) {
        return Arrays.copyOf(sha256(text), HASH);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
