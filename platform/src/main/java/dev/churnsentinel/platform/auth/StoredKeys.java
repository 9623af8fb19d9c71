package dev.churnsentinel.platform.auth;

import io.smallrye.mutiny.Uni;

import java.util.Optional;

/** Where the keys made through the API are looked up, by the SHA-256 of the presented key. */
public interface StoredKeys {
    /**
     * The valid (neither revoked nor expired) key with that SHA-256, if any; a failure when the answer cannot be
     * known (the store is out of reach).
     */
    Uni<Optional<StoredKey>> find(byte[] sha256);
}
