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

/**
 * Turns an API key into an identity whose principal is the key's tenant and whose roles are the key's roles.
 * The keys are parsed once at start-up; a malformed setting (or a plain key in prod) stops the service.
 */
@Startup
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private final ApiKeys keys;

    public ApiKeyIdentityProvider() {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        String setting = config.getOptionalValue("sentinel.api-keys", String.class).orElse("");
        boolean prod = config.getProfiles().contains("prod") && LaunchMode.current() == LaunchMode.NORMAL;
        this.keys = ApiKeys.parse(setting, prod);
        if (keys.isEmpty()) {
            Log.warn("sentinel.api-keys (SENTINEL_API_KEYS) is empty: every /api request will be refused with 401");
        }
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return keys.find(request.getToken().getToken())
                .map(entry -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(entry.tenant()))
                        .addRoles(entry.roles())
                        .addCredential(request.getToken())
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown API key")));
    }
}
