package dev.churnsentinel.platform.vertx;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InOrderTest {
    /** Runs on a thread with a small stack, where a nested chain of a few hundred steps already overflows. */
    private static Throwable onSmallStack(Runnable work) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();
        return failure.get();
    }

    @Test
    void runsAnyNumberOfStepsInOrderInConstantStack() throws InterruptedException {
        List<Integer> done = new ArrayList<>();
        List<Integer> items = IntStream.range(0, 100_000).boxed().toList();
        Throwable failure = onSmallStack(() -> InOrder.each(items, i -> Uni.createFrom().voidItem().invoke(() -> done.add(i)))
                .await().atMost(Duration.ofSeconds(30)));
        assertEquals(null, failure);
        assertEquals(items, done);
    }

    @Test
    void theNestedChainItReplacesOverflowsOnTheSameStack() throws InterruptedException {
        Throwable failure = onSmallStack(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < 100_000; i++) {
                chain = chain.chain(() -> Uni.createFrom().voidItem());
            }
            chain.await().atMost(Duration.ofSeconds(30));
        });
        assertInstanceOf(StackOverflowError.class, failure);
    }

    @Test
    void theFirstFailureEndsItAndLaterStepsDoNotRun() throws InterruptedException {
        List<Integer> done = new ArrayList<>();
        Throwable failure = onSmallStack(() -> InOrder.each(List.of(1, 2, 3, 4), i -> i == 3
                        ? Uni.createFrom().failure(new IllegalStateException("step 3"))
                        : Uni.createFrom().voidItem().invoke(() -> done.add(i)))
                .await().atMost(Duration.ofSeconds(5)));
        assertTrue(failure instanceof IllegalStateException && failure.getMessage().equals("step 3"), String.valueOf(failure));
        assertEquals(List.of(1, 2), done);
    }
}
