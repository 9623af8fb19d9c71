package dev.churnsentinel.platform.vertx;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Brings the result of an outside call (gRPC, SMTP) back onto the Vert.x context that made it. A Hibernate
 * Reactive session belongs to one context; continuing on another thread fails with HR000069.
 */
public final class CallerContext {
    private CallerContext() {
    }

    public static <T> Uni<T> resumeOn(Uni<T> call) {
        Context context = Vertx.currentContext();
        return context == null ? call : call.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /**
     * Runs {@code work} on a new duplicated context of the current event loop, so it has a Hibernate Reactive session
     * of its own. A consumer's poll starts here: two channels, or two copies of one, can be served by one context, and
     * a session stored on a shared context would be used by two polls at once (one's statements in the other's
     * transaction).
     */
    public static <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        Context current = Vertx.currentContext();
        if (current == null) {
            return Uni.createFrom().deferred(work::get);
        }
        Context own = VertxContext.createNewDuplicatedContext(current);
        VertxContextSafetyToggle.setContextSafe(own, true);
        return Uni.createFrom().emitter(emitter -> own.runOnContext(ignored ->
                work.get().subscribe().with(emitter::complete, emitter::fail)));
    }
}
