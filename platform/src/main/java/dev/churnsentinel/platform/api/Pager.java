package dev.churnsentinel.platform.api;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers a list a page at a time: checks {@code limit}, opens the cursor, asks the list's query for one row more
 * than the page (so a last page says so, with {@code nextCursor: null}) and counts the matches unless told not to.
 * <p>
 * Cursors are signed with {@code sentinel.api.cursor-secret}; without it, with a key derived from the API keys'
 * setting, which every replica of a service shares.
 */
@ApplicationScoped
public class Pager {

    /** The rows after a position, in the keyset's order. */
    @FunctionalInterface
    public interface Rows<T> {
        /**
         * @param after      {@code ""} on the first page, else {@code " and (…)"} to append to the query's where
         * @param parameters the predicate's parameters, to add to the query's own
         * @param max        how many rows to read at most
         */
        Uni<List<T>> read(String after, Map<String, Object> parameters, int max);
    }

    private final Cursors cursors;

    public Pager() {
        this(new Cursors(secret()));
    }

    public Pager(Cursors cursors) {
        this.cursors = cursors;
    }

    private static byte[] secret() {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        String secret = config.getOptionalValue("sentinel.api.cursor-secret", String.class)
                .orElseGet(() -> "derived from the API keys:" + config.getOptionalValue("sentinel.api-keys", String.class).orElse(""));
        return Cursors.sha256(secret);
    }

    public <T> Uni<Items<T>> page(String tenant, Paging paging, int defaultLimit, int maxLimit, Keyset<T> keyset, Rows<T> rows,
                                  Supplier<Uni<Long>> count) {
        int limit = paging.limit(defaultLimit, maxLimit);
        boolean total = paging.includeTotal();
        String query = keyset.name() + "|" + paging.query();
        Map<String, Object> parameters = new HashMap<>();
        String after = paging.cursor() == null ? ""
                : " and " + keyset.after(cursors.decode(paging.cursor(), tenant, query), parameters);
        return rows.read(after, parameters, limit + 1).flatMap(found -> {
            List<T> page = found.size() > limit ? found.subList(0, limit) : found;
            String next = found.size() > limit ? cursors.encode(tenant, query, keyset.position(page.get(limit - 1))) : null;
            return (total ? count.get() : Uni.createFrom().<Long>nullItem()).map(n -> new Items<>(List.copyOf(page), next, n));
        });
    }
}
