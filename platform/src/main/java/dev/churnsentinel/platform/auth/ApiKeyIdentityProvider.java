package dev.churnsentinel.platform.auth;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an API key into an identity whose principal is the key's tenant and whose roles are the key's roles. The keys
 * of {@code SENTINEL_API_KEYS} are parsed once at start-up (a malformed setting, or a plain key in prod, stops the
 * service); any other key is looked up among those made through the API, and what the lookup says is remembered for
 * {@code sentinel.auth.key-cache} (default 5 s), the longest a revoked key keeps working.
 */
@Startup
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private final ApiKeys keys;
    private final KeyCache stored;

    public ApiKeyIdentityProvider(StoredKeys storedKeys) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        String setting = config.getOptionalValue("sentinel.api-keys", String.class).orElse("");
        boolean prod = config.getProfiles().contains("prod") && LaunchMode.current() == LaunchMode.NORMAL;
        this.keys = ApiKeys.parse(setting, prod);
        if (keys.isEmpty()) {
            Log.warn("sentinel.api-keys (SENTINEL_API_KEYS) is empty: only keys made through /api/v1/admin/keys work");
        }
        Duration fresh = config.getOptionalValue("sentinel.auth.key-cache", Duration.class).orElse(Duration.ofSeconds(5));
        this.stored = new KeyCache(storedKeys, fresh, Duration.ofMinutes(10), 10_000, Clock.systemUTC());
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String presented = request.getToken().getToken();
        Optional<ApiKeys.Entry> configured = keys.find(presented);
        if (configured.isPresent()) {
            ApiKeys.Entry entry = configured.get();
            return Uni.createFrom().item(identity(request, entry.tenant(), entry.roles(), Principals.bootstrap(entry.tenant())));
        }
        return stored.find(ApiKeys.sha256(presented))
                .onFailure().transform(failure -> {
                    Log.warnf("API keys made through the API cannot be checked: %s", failure.getMessage());
                    return new AuthenticationFailedException("API keys cannot be checked now", failure);
                })
                .map(found -> found.map(key -> identity(request, key.tenant(), key.roles(), key.by()))
                        .orElseThrow(() -> new AuthenticationFailedException("unknown API key")));
    }

    private static SecurityIdentity identity(TokenAuthenticationRequest request, String tenant, Set<String> roles, String by) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(tenant))
                .addRoles(roles)
                .addCredential(request.getToken())
                .addAttribute(Principals.BY, by)
                .build();
    }
}
