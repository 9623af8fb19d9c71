package dev.churnsentinel.platform.jobs;

import io.quarkus.logging.Log;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a blocking job on its own thread, again and again with a fixed pause between runs. For pollers
 * that must react within a fraction of a second (the outbox relay, the notification dispatcher): Quarkus'
 * built-in scheduler fires at most once a second.
 */
public final class Repeater implements AutoCloseable {
    private final ScheduledExecutorService executor;
    private final Runnable job;
    private final AtomicBoolean nudged = new AtomicBoolean();

    private Repeater(ScheduledExecutorService executor, Runnable job) {
        this.executor = executor;
        this.job = job;
    }

    public static Repeater start(String name, Duration pause, Runnable job) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        // whatever a run throws, Errors too, is logged and the next run comes: a scheduled executor silently stops
        // repeating a task that threw, and a relay or dispatcher that stops is an outage nobody sees
        Runnable guarded = () -> {
            try {
                job.run();
            } catch (Throwable e) {
                Log.errorf(e, "%s failed; trying again in %s", name, pause);
            }
        };
        executor.scheduleWithFixedDelay(guarded, pause.toMillis(), pause.toMillis(), TimeUnit.MILLISECONDS);
        return new Repeater(executor, guarded);
    }

    /**
     * Runs the job once more as soon as the thread is free, without waiting for the pause: for work that has just
     * arrived. Nudges that come while one is waiting to run make no further runs.
     */
    public void nudge() {
        if (nudged.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    nudged.set(false);
                    job.run();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                nudged.set(false);
            }
        }
    }

    /** Lets a running job finish (up to 10 s) and stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
