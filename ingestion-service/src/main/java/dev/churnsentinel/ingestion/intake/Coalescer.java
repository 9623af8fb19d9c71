package dev.churnsentinel.ingestion.intake;

import dev.churnsentinel.platform.vertx.InOrder;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Lets concurrent requests share statements: at most {@code inFlight} statements run at once, and the requests that
 * arrive meanwhile go together into the next one, in the order they came, up to {@code maxItems} items (a request is
 * never split, so one larger than that goes alone). Nothing waits for company: with a slot free, a request runs at
 * once. Every request of a statement gets the statement's whole result. When requests that went together fail, each
 * is run again on its own, so one request's bad input fails that request only.
 *
 * @param <T> a request
 * @param <R> the result of a statement
 */
final class Coalescer<T, R> {
    private final int inFlight;
    private final int maxItems;
    private final ToIntFunction<T> items;
    private final Function<List<T>, Uni<R>> statement;
    private final ArrayDeque<Waiting<T, R>> waiting = new ArrayDeque<>();
    private int running;

    private record Waiting<T, R>(T request, UniEmitter<? super R> answer) {
    }

    Coalescer(int inFlight, int maxItems, ToIntFunction<T> items, Function<List<T>, Uni<R>> statement) {
        if (inFlight < 1 || maxItems < 1) {
            throw new IllegalArgumentException("at least one statement in flight and one item in a statement");
        }
        this.inFlight = inFlight;
        this.maxItems = maxItems;
        this.items = items;
        this.statement = statement;
    }

    /** The result of the statement that carries {@code request}, once it has run. */
    Uni<R> submit(T request) {
        return Uni.createFrom().emitter(answer -> {
            List<Waiting<T, R>> next;
            synchronized (this) {
                waiting.add(new Waiting<>(request, answer));
                if (running >= inFlight) {
                    return;
                }
                running++;
                next = take();
            }
            run(next);
        });
    }

    /** The requests next in line, as many as fit a statement. Under the lock. */
    private List<Waiting<T, R>> take() {
        List<Waiting<T, R>> taken = new ArrayList<>();
        int size = 0;
        while (!waiting.isEmpty() && (taken.isEmpty() || size + items.applyAsInt(waiting.peek().request()) <= maxItems)) {
            Waiting<T, R> next = waiting.poll();
            size += items.applyAsInt(next.request());
            taken.add(next);
        }
        return taken;
    }

    private void run(List<Waiting<T, R>> taken) {
        Uni<Void> done = execute(taken);
        if (taken.size() > 1) {
            done = done.onFailure().recoverWithUni(together -> InOrder.each(taken,
                    alone -> execute(List.of(alone)).onFailure().recoverWithNull()));
        }
        done.subscribe().with(ignored -> next(), ignored -> next());
    }

    /** Runs one statement for {@code requests} and answers them; a single request's failure is its answer. */
    private Uni<Void> execute(List<Waiting<T, R>> requests) {
        Uni<R> result;
        try {
            result = statement.apply(requests.stream().map(Waiting::request).toList());
        } catch (RuntimeException e) {
            result = Uni.createFrom().failure(e);
        }
        return result.invoke(r -> requests.forEach(w -> w.answer().complete(r)))
                .onFailure(failure -> requests.size() == 1).invoke(failure -> requests.get(0).answer().fail(failure))
                .replaceWithVoid();
    }

    private void next() {
        List<Waiting<T, R>> next;
        synchronized (this) {
            if (waiting.isEmpty()) {
                running--;
                return;
            }
            next = take();
        }
        run(next);
    }
}
