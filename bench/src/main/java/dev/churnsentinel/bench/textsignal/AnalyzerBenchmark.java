package dev.churnsentinel.bench.textsignal;

import dev.churnsentinel.textsignal.lexicon.Analysis;
import dev.churnsentinel.textsignal.lexicon.Lexicon;
import dev.churnsentinel.textsignal.lexicon.TextAnalyzer;
import dev.churnsentinel.textsignal.sentiment.SentimentModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
        analyzer = shipped();
        List<String> loaded = BenchTexts.load(4_096);
        texts = loaded.toArray(String[]::new);
    }

    /** The base lexicon and the sentiment model shipped in text-signal-service's jar. */
    static TextAnalyzer shipped() throws IOException {
        ClassLoader loader = AnalyzerBenchmark.class.getClassLoader();
        try (InputStream lexicon = loader.getResourceAsStream("lexicon/base.tsv");
             InputStream model = loader.getResourceAsStream("sentiment/model.bin")) {
            return new TextAnalyzer(Lexicon.read(new InputStreamReader(lexicon, StandardCharsets.UTF_8)),
                    SentimentModel.read(model));
        }
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
