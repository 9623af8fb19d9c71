package dev.churnsentinel.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tenant floods ingestion while another sends at a steady pace: does the quiet tenant keep its latency? Runs the
 * quiet tenant alone, then with the noisy one sending as fast as {@code noisyConcurrency} connections allow, and prints
 * the quiet tenant's latency (measured from when each request was due, so a stalled server is not hidden) and what
 * the noisy tenant got: accepted (202) and refused (429) per second.
 * Usage: {@code NoisyNeighbour QUIET_KEY NOISY_KEY [SECONDS] [QUIET_PER_SECOND] [NOISY_CONCURRENCY]} against the local stack.
 */
public final class NoisyNeighbour {
    private static final URI FEEDBACK = URI.create("http://127.0.0.1:8081/api/v1/feedback");
    private final HttpClient http = LocalHttp.client().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: NoisyNeighbour QUIET_KEY NOISY_KEY [SECONDS=20] [QUIET_PER_SECOND=20] [NOISY_CONCURRENCY=32]");
            System.exit(2);
        }
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int quietRate = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int noisyConcurrency = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        NoisyNeighbour bench = new NoisyNeighbour();
        System.out.println(PhaseResult.HEADER);
        bench.phase("warm-up (both)", args[0], args[1], 10, quietRate, noisyConcurrency);
        bench.phase("quiet tenant alone", args[0], null, seconds, quietRate, 0);
        bench.phase("with the noisy tenant", args[0], args[1], seconds, quietRate, noisyConcurrency);
        System.exit(0);
    }

    private void phase(String name, String quietKey, String noisyKey, int seconds, int quietRate, int noisyConcurrency)
            throws Exception {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong otherNoisy = new AtomicLong();
        List<CompletableFuture<Void>> noisy = new ArrayList<>();
        ExecutorService noisyThreads = Executors.newFixedThreadPool(Math.max(1, noisyConcurrency));
        for (int i = 0; i < noisyConcurrency && noisyKey != null; i++) {
            noisy.add(CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    try {
                        int status = http.send(request(noisyKey), HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 202 ? accepted : status == 429 ? refused : otherNoisy).incrementAndGet();
                    } catch (Exception e) {
                        otherNoisy.incrementAndGet();
                    }
                }
            }, noisyThreads));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong quietFailed = new AtomicLong();
        List<CompletableFuture<?>> quiet = new ArrayList<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / quietRate;
        for (long due = start; due < end; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long dueAt = due;
            quiet.add(http.sendAsync(request(quietKey), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure != null || response.statusCode() != 202) {
                    quietFailed.incrementAndGet();
                } else {
                    latencies.add(System.nanoTime() - dueAt);
                }
            }));
        }
        CompletableFuture.allOf(quiet.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        running.set(false);
        CompletableFuture.allOf(noisy.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        noisyThreads.shutdown();
        double took = (System.nanoTime() - start) / 1e9;
        long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
        System.out.println(new PhaseResult("quiet: " + name, nanos.length, nanos.length, took, nanos, quietFailed.get()).row()
                + (noisyKey == null ? "" : String.format(Locale.ROOT, " noisy: %.0f accepted/s, %.0f refused (429)/s, %d other",
                accepted.get() / took, refused.get() / took, otherNoisy.get())));
    }

    private HttpRequest request(String key) {
        long n = sequence.incrementAndGet();
        String body = """
                {"externalId": "noisy-%s-%d", "customerId": "NN-%s-%d", "channel": "SURVEY", "occurredAt": "%s",
                 "text": "师傅态度还行，保养也按时做完了。", "nps": 8}""".formatted(run, n, run, n % 500,
                OffsetDateTime.now());
        return HttpRequest.newBuilder(FEEDBACK).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
