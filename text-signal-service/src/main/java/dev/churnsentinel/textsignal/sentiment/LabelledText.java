package dev.churnsentinel.textsignal.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** One text with its label (true = positive), as read from a labelled file. */
public record LabelledText(String text, boolean positive) {

    /**
     * Reads a labelled file: tab-separated or CSV (quoted fields allowed), UTF-8, with a header naming a
     * {@code label} column (1/0, or positive/negative) and a text column ({@code text}, {@code text_a} or
     * {@code review}); other columns are ignored. Empty texts are skipped; a bad label names the line.
     */
    public static List<LabelledText> read(Path file) throws IOException {
        List<LabelledText> texts = new ArrayList<>();
        read(file, null, (group, text) -> texts.add(text));
        return texts;
    }

    /**
     * Reads a labelled file as {@link #read} does, its texts grouped by the value of another column ({@code cat} of
     * online_shopping_10_cats.csv, say), groups in the order they first appear.
     */
    public static Map<String, List<LabelledText>> readGrouped(Path file, String column) throws IOException {
        Map<String, List<LabelledText>> groups = new LinkedHashMap<>();
        read(file, column, (group, text) -> groups.computeIfAbsent(group, g -> new ArrayList<>()).add(text));
        return groups;
    }

    private static void read(Path file, String groupColumn, BiConsumer<String, LabelledText> sink) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                return;
            }
            header = header.replace("\uFEFF", "");
            char separator = header.indexOf('\t') >= 0 ? '\t' : ',';
            List<String> columns = split(header, separator);
            int label = columns.indexOf("label");
            int text = firstOf(columns, "text", "text_a", "review");
            if (label < 0 || text < 0) {
                throw new IOException(file + ": the header must name a 'label' and a 'text' (or text_a, review) column, was: " + header);
            }
            int group = groupColumn == null ? -1 : columns.indexOf(groupColumn);
            if (groupColumn != null && group < 0) {
                throw new IOException(file + ": the header names no '" + groupColumn + "' column, was: " + header);
            }
            int needed = Math.max(Math.max(label, text), group);
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                List<String> fields = split(line, separator);
                if (fields.size() <= needed) {
                    if (line.isBlank()) {
                        continue;
                    }
                    throw new IOException(file + " line " + number + ": expected " + columns.size() + " columns");
                }
                String body = fields.get(text).replace("\uFEFF", "").strip();
                if (!body.isEmpty()) {
                    sink.accept(group < 0 ? null : fields.get(group).strip(),
                            new LabelledText(body, positive(fields.get(label).strip(), file, number)));
                }
            }
        }
    }

    private static boolean positive(String label, Path file, int line) throws IOException {
        return switch (label.toLowerCase()) {
            case "1", "positive", "pos" -> true;
            case "0", "negative", "neg" -> false;
            default -> throw new IOException(file + " line " + line + ": label must be 1/0 or positive/negative, was '" + label + "'");
        };
    }

    private static int firstOf(List<String> columns, String... names) {
        for (String name : names) {
            int index = columns.indexOf(name);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }

    /** Splits one line; with ',' as separator, double-quoted fields may hold commas and doubled quotes. */
    static List<String> split(String line, char separator) {
        List<String> fields = new ArrayList<>();
        if (separator == '\t') {
            for (String field : line.split("\t", -1)) {
                fields.add(field.strip());
            }
            return fields;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
