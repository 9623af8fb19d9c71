package dev.churnsentinel.platform.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

class RepeaterTest {

    @Test
    void aJobThatThrowsAnErrorOrAnExceptionRunsAgain() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch afterBoth = new CountDownLatch(1);
        try (Repeater ignored = Repeater.start("test-job", Duration.ofMillis(10), () -> {
            int run = runs.incrementAndGet();
            if (run == 1) {
                throw new StackOverflowError("an Error, as a bug can throw");
            }
            if (run == 2) {
                throw new IllegalStateException("an exception");
            }
            afterBoth.countDown();
        })) {
            assertTrue(afterBoth.await(5, TimeUnit.SECONDS), "ran " + runs.get() + " times");
        }
    }
}
