package dev.churnsentinel.textsignal.lexicon;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * The rows of a tab-separated text file as the lexicon, cue words, labelled sets and model files write them: blank
 * lines and {@code #} comments skipped, each other line split at tabs, with its line number for error messages.
 */
public final class TsvLines implements Closeable {
    private final BufferedReader reader;
    private int number;

    public TsvLines(Reader source) {
        this.reader = source instanceof BufferedReader buffered ? buffered : new BufferedReader(source);
    }

    /** The next row's fields, or null at the end. */
    public String[] next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            number++;
            if (!line.isBlank() && !line.startsWith("#")) {
                return line.split("\t");
            }
        }
        return null;
    }

    /** The line number (from 1) of the row {@link #next} returned last. */
    public int number() {
        return number;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
