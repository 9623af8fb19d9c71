package dev.churnsentinel.platform.vertx;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.function.Function;

/**
 * One step per item, each begun when the last has finished (one Hibernate Reactive session allows nothing else), the
 * first failure ending it. Never a loop of {@code chain = chain.chain(...)}: that nests one subscription per item, and
 * a poll of 500 customers overflowed the event loop's stack — silently, the poll never finished and the consumer
 * stopped. A {@code Multi} concatenation runs any number of steps in constant stack.
 */
public final class InOrder {
    private InOrder() {
    }

    public static <T> Uni<Void> each(Iterable<T> items, Function<? super T, Uni<Void>> step) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step::apply).onItem().ignoreAsUni();
    }
}
