package dev.churnsentinel.bench.textsignal;

import dev.churnsentinel.bench.PhaseResult;
import dev.churnsentinel.proto.signals.v1.AnalyzeRequest;
import dev.churnsentinel.proto.signals.v1.AnalyzeResponse;
import dev.churnsentinel.proto.signals.v1.TextSignalsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * gRPC load against a running text-signal-service, loopback only, bounded in time: (1) bidirectional streams, as
 * many texts as the service takes, each stream keeping at most WINDOW texts in flight; (2) unary calls at a fixed
 * rate, open loop (latency counted from when a call was due, so a stall is not hidden). Texts: real reviews of 50-150
 * characters. Usage: TextSignalLoad HOST:PORT [SECONDS=15] [STREAMS=4] [RATE=1000]
 */
public final class TextSignalLoad {
    private static final int WINDOW = 256;

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
        PhaseResult unary = load.unary("Analyze unary at " + rate + "/s", seconds, rate);
        System.out.println();
        System.out.println(PhaseResult.HEADER);
        System.out.println(streamed.row());
        System.out.println(unary.row());
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** {@code streams} bidirectional streams for {@code seconds}, each with at most {@link #WINDOW} texts in flight. */
    PhaseResult streaming(String name, int seconds, int streams) throws InterruptedException {
        long[][] latencies = new long[streams][];
        AtomicLong answered = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(streams);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int s = 0; s < streams; s++) {
            int stream = s;
            Thread sender = new Thread(() -> {
                int capacity = 4_000_000 / streams;
                long[] sentAt = new long[capacity];
                long[] took = new long[capacity];
                AtomicInteger count = new AtomicInteger();
                Semaphore window = new Semaphore(WINDOW);
                CountDownLatch closed = new CountDownLatch(1);
                StreamObserver<AnalyzeRequest> out = stub.analyzeStream(new ClientResponseObserver<AnalyzeRequest, AnalyzeResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<AnalyzeRequest> requestStream) {
                    }

                    @Override
                    public void onNext(AnalyzeResponse response) {
                        int id = Integer.parseInt(response.getId());
                        took[count.getAndIncrement()] = System.nanoTime() - sentAt[id];
                        if (!response.getError().isEmpty()) {
                            errors.incrementAndGet();
                        }
                        window.release();
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
                        if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                    } catch (InterruptedException e) {
                        break;
                    }
                    sentAt[sent] = System.nanoTime();
                    out.onNext(requests.get((sent + stream * 997) % requests.size()).toBuilder().setId(Integer.toString(sent)).build());
                    sent++;
                }
                out.onCompleted();
                try {
                    closed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answered.addAndGet(count.get());
                latencies[stream] = Arrays.copyOf(took, count.get());
                done.countDown();
            }, "stream-" + s);
            sender.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
        return new PhaseResult(name, answered.get(), answered.get(), elapsed, all, errors.get());
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
