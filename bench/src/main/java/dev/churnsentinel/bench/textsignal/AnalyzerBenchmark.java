package dev.churnsentinel.bench.textsignal;

import dev.churnsentinel.textsignal.lexicon.Analysis;
import dev.churnsentinel.textsignal.lexicon.TextAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.List;

/**
 * The whole in-process analysis of one text (lexicon scan, negation, emotions, aspects, the sentiment model) as the
 * service runs it, over real review texts of 50-150 characters. Run by {@link TextSignalJmh}.
 */
@State(Scope.Benchmark)
public class AnalyzerBenchmark {
    TextAnalyzer analyzer;
    String[] texts;

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup
    public void load() throws IOException {
        analyzer = TextAnalyzer.builtIn();
        List<String> loaded = BenchTexts.load(4_096);
        texts = loaded.toArray(String[]::new);
    }

    @Benchmark
    public Analysis analyze(Cursor cursor) {
        if (cursor.next == texts.length) {
            cursor.next = 0;
        }
        String text = texts[cursor.next++];
        return analyzer.analyze("b", text);
    }
}
