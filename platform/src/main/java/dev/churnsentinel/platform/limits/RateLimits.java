package dev.churnsentinel.platform.limits;

import dev.churnsentinel.platform.problem.ProblemException;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per tenant, per replica: a tenant that sends more than its quota gets 429 with Retry-After, so one tenant's
 * import cannot take the service from the others. {@code sentinel.rate-limit.per-second} (0, the default: no limit) and
 * {@code sentinel.rate-limit.burst} (default twice the rate) apply to every tenant;
 * {@code sentinel.rate-limit.tenants.<tenant>.per-second} and {@code .burst} give one tenant its own. Only
 * authenticated {@code /api/} requests count.
 */
@ApplicationScoped
public class RateLimits {
    private static final String PREFIX = "sentinel.rate-limit.";

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Quota> quotas = new ConcurrentHashMap<>();
    private final SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
    private final Quota defaults;

    /** Requests a second, and how many may come at once; none when {@code perSecond} is 0. */
    record Quota(double perSecond, double burst) {
        boolean limited() {
            return perSecond > 0;
        }
    }

    public RateLimits() {
        double perSecond = config.getOptionalValue(PREFIX + "per-second", Double.class).orElse(0.0);
        this.defaults = new Quota(perSecond, config.getOptionalValue(PREFIX + "burst", Double.class).orElse(2 * perSecond));
    }

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        java.security.Principal caller = request.getSecurityContext().getUserPrincipal();
        if (caller == null || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        String tenant = caller.getName();
        Quota quota = quotas.computeIfAbsent(tenant, this::quotaOf);
        if (!quota.limited()) {
            return;
        }
        long wait = buckets.computeIfAbsent(tenant, t -> new TokenBucket(quota.perSecond(), Math.max(1, quota.burst()),
                System.nanoTime())).take(System.nanoTime());
        if (wait > 0) {
            int seconds = (int) Math.max(1, Math.ceil(wait / 1e9));
            throw ProblemException.tooManyRequests(String.format(Locale.ROOT,
                    "tenant %s sends more than its quota of %.0f requests a second; try again in %d s", tenant,
                    quota.perSecond(), seconds), seconds);
        }
    }

    private Quota quotaOf(String tenant) {
        String own = PREFIX + "tenants." + tenant + ".";
        double perSecond = config.getOptionalValue(own + "per-second", Double.class).orElse(defaults.perSecond());
        double burst = config.getOptionalValue(own + "burst", Double.class)
                .orElse(config.getOptionalValue(own + "per-second", Double.class).isPresent() ? 2 * perSecond : defaults.burst());
        return new Quota(perSecond, burst);
    }
}
