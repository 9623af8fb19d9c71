package dev.churnsentinel.bench.textsignal;

import dev.churnsentinel.bench.PhaseResult;
import dev.churnsentinel.proto.signals.v1.AnalyzeBatch;
import dev.churnsentinel.proto.signals.v1.AnalyzeRequest;
import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.proto.signals.v1.AnalyzedBatch;
import dev.churnsentinel.proto.signals.v1.TextSignalsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * gRPC load against a running text-signal-service, loopback only, bounded in time: (1) bidirectional streams, as
 * many texts as the service takes, each stream keeping at most WINDOW texts in flight, then the same with batches of
 * 100 texts per message (AnalyzeBatches); (2) unary calls at a fixed
 * rate, open loop (latency counted from when a call was due, so a stall is not hidden). Texts: real reviews of 50-150
 * characters. With {@code -Dsentinel.bench.in-process=N} (the in-process analysis's texts/s on the service's core),
 * it also prints each streaming phase's throughput as a share of it. Usage: TextSignalLoad HOST:PORT [SECONDS=15]
 * [STREAMS=4] [RATE=1000]
 */
public final class TextSignalLoad {
    private static final int WINDOW = 256;
    private static final int BATCH = 100;

    private final TextSignalsGrpc.TextSignalsStub stub;
    private final List<AnalyzeRequest> requests;

    private TextSignalLoad(ManagedChannel channel, List<String> texts) {
        this.stub = TextSignalsGrpc.newStub(channel);
        this.requests = texts.stream().map(t -> AnalyzeRequest.newBuilder().setText(t).setTenant("bench").build()).toList();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TextSignalLoad HOST:PORT [SECONDS=15] [STREAMS=4] [RATE=1000]");
            System.exit(2);
        }
        String[] target = args[0].split(":");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int streams = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        ManagedChannel channel = NettyChannelBuilder.forAddress(target[0], Integer.parseInt(target[1])).usePlaintext().build();
        List<String> texts = BenchTexts.load(4_096);
        System.out.printf("%d texts of %d-%d characters (mean %.0f); warming up 5 s...%n", texts.size(), BenchTexts.MIN,
                BenchTexts.MAX, BenchTexts.meanLength(texts));
        TextSignalLoad load = new TextSignalLoad(channel, texts);
        load.streaming("warm-up", 5, streams);
        load.unary("warm-up", 3, rate);
        PhaseResult streamed = load.streaming("AnalyzeStream, " + streams + " streams", seconds, streams);
        PhaseResult batched = load.batches("AnalyzeBatches ×" + BATCH + ", 2 streams", seconds, 2);
        PhaseResult unary = load.unary("Analyze unary at " + rate + "/s", seconds, rate);
        System.out.println();
        System.out.println(PhaseResult.HEADER);
        System.out.println(streamed.row());
        System.out.println(batched.row());
        System.out.println(unary.row());
        String inProcess = System.getProperty("sentinel.bench.in-process", "");
        if (!inProcess.isBlank()) {
            double perCore = Double.parseDouble(inProcess);
            System.out.printf(java.util.Locale.ROOT, "in-process on the service's core: %.0f texts/s; AnalyzeStream %.0f %%, "
                            + "AnalyzeBatches %.0f %% of it%n", perCore, 100 * streamed.itemsPerSecond() / perCore,
                    100 * batched.itemsPerSecond() / perCore);
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** {@code streams} bidirectional streams for {@code seconds}, each with at most {@link #WINDOW} texts in flight. */
    PhaseResult streaming(String name, int seconds, int streams) throws InterruptedException {
        return streams(name, seconds, streams, WINDOW, stub::analyzeStream,
                (stream, sent) -> requests.get((sent + stream * 997) % requests.size()).toBuilder()
                        .setId(Integer.toString(sent)).build(),
                (answer, answered) -> Integer.parseInt(answer.getId()), answer -> 1,
                answer -> answer.getError().isEmpty() ? 0 : 1);
    }

    /**
     * {@code streams} AnalyzeBatches streams for {@code seconds}, {@link #BATCH} texts per message, at most 4 messages
     * in flight per stream; items/s counts texts, latency is per batch (answers come back in order on a stream).
     */
    PhaseResult batches(String name, int seconds, int streams) throws InterruptedException {
        return streams(name, seconds, streams, 4, stub::analyzeBatches, (stream, sent) -> {
            AnalyzeBatch.Builder batch = AnalyzeBatch.newBuilder();
            for (int i = 0; i < BATCH; i++) {
                batch.addTexts(requests.get((sent * BATCH + i + stream * 997) % requests.size()).toBuilder()
                        .setId(Integer.toString(i)));
            }
            return batch.build();
        }, (answer, answered) -> answered, AnalyzedBatch::getResultsCount,
                answer -> (int) answer.getResultsList().stream().filter(r -> !r.getError().isEmpty()).count());
    }

    /** Which message an answer belongs to, from the answer and how many came before it on its stream. */
    private interface AnswerIndex<A> {
        int of(A answer, int answeredBefore);
    }

    /**
     * The frame of a streaming phase: one thread per stream sends {@code message(stream, n)} while fewer than
     * {@code window} are unanswered, for {@code seconds}, then waits for the last answers.
     */
    private <Q, A> PhaseResult streams(String name, int seconds, int streams, int window,
                                       Function<StreamObserver<A>, StreamObserver<Q>> open, BiFunction<Integer, Integer, Q> message,
                                       AnswerIndex<A> index, ToIntFunction<A> items, ToIntFunction<A> errorsIn)
            throws InterruptedException {
        long[][] latencies = new long[streams][];
        AtomicLong answers = new AtomicLong();
        AtomicLong itemCount = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(streams);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int s = 0; s < streams; s++) {
            int stream = s;
            new Thread(() -> {
                int capacity = 4_000_000 / streams;
                long[] sentAt = new long[capacity];
                long[] took = new long[capacity];
                AtomicInteger answered = new AtomicInteger();
                Semaphore inFlight = new Semaphore(window);
                CountDownLatch closed = new CountDownLatch(1);
                StreamObserver<Q> out = open.apply(new StreamObserver<>() {
                    @Override
                    public synchronized void onNext(A answer) {
                        int n = answered.get();
                        took[n] = System.nanoTime() - sentAt[index.of(answer, n)];
                        answered.incrementAndGet();
                        itemCount.addAndGet(items.applyAsInt(answer));
                        errors.addAndGet(errorsIn.applyAsInt(answer));
                        inFlight.release();
                    }

                    @Override
                    public void onError(Throwable t) {
                        errors.incrementAndGet();
                        closed.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        closed.countDown();
                    }
                });
                int sent = 0;
                while (System.nanoTime() < end && sent < capacity) {
                    try {
                        if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                    } catch (InterruptedException e) {
                        break;
                    }
                    Q next = message.apply(stream, sent);
                    sentAt[sent++] = System.nanoTime();
                    out.onNext(next);
                }
                out.onCompleted();
                try {
                    closed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answers.addAndGet(answered.get());
                latencies[stream] = Arrays.copyOf(took, answered.get());
                done.countDown();
            }, name + "-" + s).start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
        return new PhaseResult(name, answers.get(), itemCount.get(), elapsed, all, errors.get());
    }

    /** Unary calls due every 1/rate s for {@code seconds}; latency from when each call was due to its answer. */
    PhaseResult unary(String name, int seconds, int rate) throws InterruptedException {
        int total = seconds * rate;
        long[] took = new long[total];
        AtomicInteger answered = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int call = i;
            stub.analyze(requests.get(i % requests.size()).toBuilder().setId(Integer.toString(i)).build(),
                    new StreamObserver<>() {
                        @Override
                        public void onNext(AnalyzeResponse value) {
                            took[call] = System.nanoTime() - due;
                            answered.incrementAndGet();
                        }

                        @Override
                        public void onError(Throwable t) {
                            errors.incrementAndGet();
                            done.countDown();
                        }

                        @Override
                        public void onCompleted() {
                            done.countDown();
                        }
                    });
        }
        done.await(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] measured = Arrays.stream(took).filter(t -> t > 0).toArray();
        return new PhaseResult(name, answered.get(), answered.get(), elapsed, measured, errors.get());
    }
}
