package dev.churnsentinel.intervention.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a customer's words into plain and highlighted pieces at the risk phrases' character offsets, so a template
 * can mark them while escaping every piece. Offsets outside the text are ignored; overlapping spans are merged.
 */
public final class Highlights {
    /** A phrase at {@code [start, end)} of the text, with its risk category (or null). */
    public record Span(int start, int end, String category) {
    }

    /** A piece of the text; {@code category} is null for plain text. */
    public record Piece(String text, String category) {
        public boolean marked() {
            return category != null;
        }
    }

    private Highlights() {
    }

    public static List<Piece> split(String text, List<Span> spans) {
        List<Span> valid = new ArrayList<>(spans.stream()
                .filter(s -> s.start() >= 0 && s.end() <= text.length() && s.start() < s.end())
                .sorted(Comparator.comparingInt(Span::start)).toList());
        List<Piece> pieces = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < valid.size(); i++) {
            Span span = valid.get(i);
            int start = Math.max(span.start(), at);
            int end = span.end();
            while (i + 1 < valid.size() && valid.get(i + 1).start() < end) {
                end = Math.max(end, valid.get(++i).end());
            }
            if (start >= end) {
                continue;
            }
            if (start > at) {
                pieces.add(new Piece(text.substring(at, start), null));
            }
            pieces.add(new Piece(text.substring(start, end), span.category() == null ? "" : span.category()));
            at = end;
        }
        if (at < text.length()) {
            pieces.add(new Piece(text.substring(at), null));
        }
        return pieces;
    }
}
