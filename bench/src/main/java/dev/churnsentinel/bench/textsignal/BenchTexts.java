package dev.churnsentinel.bench.textsignal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real customer-review texts of 50-150 characters for the text-signal benchmarks, read at run time from the shared
 * data sets (never copied into the project): ChnSentiCorp's test split and online_shopping_10_cats.
 */
final class BenchTexts {
    static final int MIN = 50;
    static final int MAX = 150;

    private BenchTexts() {
    }

    /** The data folder: {@code -Dsentinel.bench.data}, else {@code ../shared/data/sentiment} from the repository. */
    static Path folder() {
        return Path.of(System.getProperty("sentinel.bench.data", "../shared/data/sentiment"));
    }

    static List<String> load(int limit) throws IOException {
        Path folder = folder();
        List<String> texts = new ArrayList<>();
        for (String file : List.of("chnsenticorp_test.tsv", "online_shopping_10_cats.csv")) {
            Path path = folder.resolve(file);
            if (!Files.exists(path)) {
                throw new IOException(path.toAbsolutePath() + " not found: set -Dsentinel.bench.data to ../shared/data/sentiment");
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
