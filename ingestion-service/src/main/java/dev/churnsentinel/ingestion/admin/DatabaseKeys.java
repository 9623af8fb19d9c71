package dev.churnsentinel.ingestion.admin;

import dev.churnsentinel.platform.auth.StoredKey;
import dev.churnsentinel.platform.auth.StoredKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** Ingestion keeps the keys made through the API, so it looks them up in its own table (the others ask it). */
@ApplicationScoped
public class DatabaseKeys implements StoredKeys {
    private final ApiKeyStore store;

    public DatabaseKeys(ApiKeyStore store) {
        this.store = store;
    }

    @Override
    public Uni<Optional<StoredKey>> find(byte[] sha256) {
        return store.use(sha256, Instant.now());
    }
}
