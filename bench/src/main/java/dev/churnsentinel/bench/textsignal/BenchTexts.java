package dev.churnsentinel.bench.textsignal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real customer-review texts of 50-150 characters for the text-signal benchmarks, read at run time from public data
 * sets the user downloads (their texts carry no licence, so none is in the project): ChnSentiCorp's test split
 * ({@code chnsenticorp_test.tsv}, {@code label<TAB>text_a}) and {@code online_shopping_10_cats.csv}
 * ({@code cat,label,review}).
 */
final class BenchTexts {
    static final int MIN = 50;
    static final int MAX = 150;

    private BenchTexts() {
    }

    /** The data folder: {@code -Dsentinel.bench.data} (the scripts pass {@code SENTINEL_BENCH_DATA}). */
    static Path folder() throws IOException {
        String folder = System.getProperty("sentinel.bench.data", "");
        if (folder.isBlank()) {
            throw new IOException("set SENTINEL_BENCH_DATA (-Dsentinel.bench.data) to a folder holding chnsenticorp_test.tsv "
                    + "and online_shopping_10_cats.csv (see the README, Benchmarks)");
        }
        return Path.of(folder);
    }

    static List<String> load(int limit) throws IOException {
        Path folder = folder();
        List<String> texts = new ArrayList<>();
        for (String file : List.of("chnsenticorp_test.tsv", "online_shopping_10_cats.csv")) {
            Path path = folder.resolve(file);
            if (!Files.exists(path)) {
                throw new IOException(path.toAbsolutePath() + " not found: SENTINEL_BENCH_DATA must hold chnsenticorp_test.tsv "
                        + "and online_shopping_10_cats.csv (see the README, Benchmarks)");
            }
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String text = file.endsWith(".tsv") ? line.substring(line.indexOf('\t') + 1)
                        : line.substring(line.indexOf(',', line.indexOf(',') + 1) + 1).replace("\"", "");
                if (text.length() >= MIN && text.length() <= MAX) {
                    texts.add(text);
                    if (texts.size() == limit) {
                        return texts;
                    }
                }
            }
        }
        return texts;
    }

    static double meanLength(List<String> texts) {
        return texts.stream().mapToInt(String::length).average().orElse(0);
    }
}
