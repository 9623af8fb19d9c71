package dev.churnsentinel.bench.textsignal;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link AnalyzerBenchmark} with JMH: throughput on one thread and on two (this machine has two cores), then
 * the latency distribution of one analysis on one thread. Prints texts/s per core against the 5,000 target.
 * With {@code one-thread}, only the throughput on one thread, as one line {@code in-process texts/s: N} (what
 * {@code bench/text-signal-load.sh} compares the gRPC service with, on the core the service runs on).
 * Usage: TextSignalJmh [MEASURE_SECONDS_PER_ITERATION=2] [one-thread]
 */
public final class TextSignalJmh {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        String data = "-Dsentinel.bench.data=" + BenchTexts.folder().toAbsolutePath();
        if (args.length > 1 && args[1].equals("one-thread")) {
            double oneThread = run(base(seconds, data).threads(1).mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS)
                    .build()).iterator().next().getPrimaryResult().getScore();
            System.out.printf(Locale.ROOT, "in-process texts/s: %.0f%n", oneThread);
            return;
        }
        java.util.List<String> texts = BenchTexts.load(4_096);
        System.out.printf(Locale.ROOT, "texts: %d of %d-%d characters (mean %.0f)%n", texts.size(),
                BenchTexts.MIN, BenchTexts.MAX, BenchTexts.meanLength(texts));
        double[] perSecond = new double[3];
        for (int threads = 1; threads <= 2; threads++) {
            perSecond[threads] = run(base(seconds, data).threads(threads).mode(Mode.Throughput)
                    .timeUnit(TimeUnit.SECONDS).build()).iterator().next().getPrimaryResult().getScore();
        }
        Collection<RunResult> latency = run(base(seconds, data).threads(1).mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS).build());
        var statistics = latency.iterator().next().getPrimaryResult().getStatistics();
        System.out.println();
        System.out.println("| in-process analysis (JMH)        | texts/s  | texts/s per core |");
        System.out.println("|----------------------------------|----------|------------------|");
        System.out.printf(Locale.ROOT, "| 1 thread                         | %8.0f | %16.0f |%n", perSecond[1], perSecond[1]);
        System.out.printf(Locale.ROOT, "| 2 threads (2 cores)              | %8.0f | %16.0f |%n", perSecond[2], perSecond[2] / 2);
        System.out.printf(Locale.ROOT, "latency of one analysis, 1 thread: p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, p99.9 %.1f µs%n",
                statistics.getPercentile(50), statistics.getPercentile(90), statistics.getPercentile(99),
                statistics.getPercentile(99.9));
        System.out.printf(Locale.ROOT, "target: >= 5,000 texts/s per core -> %s%n",
                Math.min(perSecond[1], perSecond[2] / 2) >= 5_000 ? "met" : "NOT met");
    }

    private static org.openjdk.jmh.runner.options.ChainedOptionsBuilder base(int seconds, String data) {
        return new OptionsBuilder().include(AnalyzerBenchmark.class.getSimpleName())
                .forks(1).jvmArgsAppend("-Xmx300m", data)
                .warmupIterations(3).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(5).measurementTime(TimeValue.seconds(seconds));
    }

    private static Collection<RunResult> run(Options options) throws Exception {
        return new Runner(options).run();
    }
}
