package dev.churnsentinel.platform.vertx;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

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
}
