package dev.churnsentinel.ingestion.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read as RFC 4180 says (quoted fields with "" for a quote, line breaks inside quotes, CRLF or LF), one row
 * at a time. Excel writes CSV in the machine's code page: a file that is not valid UTF-8 in its first 64 KiB is read
 * as GB18030 (which covers GBK and GB2312), the code page of a Chinese Windows; a UTF-8 byte-order mark is skipped.
 * The delimiter is the one of comma, semicolon and tab that the header line holds most of.
 */
final class CsvSheet implements Sheet {
    private static final int SNIFF_BYTES = 64 * 1024;
    static final Charset GB18030 = Charset.forName("GB18030");

    private final InputStream file;
    private final long size;
    /** Read ahead by the buffers: progress is an estimate. */
    private final CountingInputStream counting;
    private final Reader reader;
    private final char delimiter;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;

    CsvSheet(Path path) throws IOException {
        this.size = Files.size(path);
        this.file = Files.newInputStream(path);
        this.counting = new CountingInputStream(file);
        BufferedInputStream in = new BufferedInputStream(counting, SNIFF_BYTES);
        in.mark(SNIFF_BYTES);
        byte[] start = in.readNBytes(SNIFF_BYTES);
        in.reset();
        Charset charset = charsetOf(start);
        if (charset == StandardCharsets.UTF_8 && start.length >= 3 && (start[0] & 0xff) == 0xEF
                && (start[1] & 0xff) == 0xBB && (start[2] & 0xff) == 0xBF) {
            in.skipNBytes(3);
        }
        this.delimiter = delimiterOf(new String(start, charset));
        this.reader = new InputStreamReader(in, charset);
    }

    /** UTF-8 when the bytes are valid UTF-8 (a sequence cut at the end of the sample is forgiven), else GB18030. */
    static Charset charsetOf(byte[] start) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(start, 0, wholeUtf8(start)));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return GB18030;
        }
    }

    /** The length of the sample without a multi-byte sequence cut off at its end. */
    private static int wholeUtf8(byte[] bytes) {
        int end = bytes.length;
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int b = bytes[end - back] & 0xff;
            if (b >= 0xC0) { // a lead byte: keep it only if its sequence is complete
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return needed <= back ? end : end - back;
            }
            if (b < 0x80) {
                return end;
            }
        }
        return end;
    }

    /** The most frequent of , ; and tab in the first line (a comma when none appears). */
    static char delimiterOf(String start) {
        int end = start.indexOf('\n');
        String line = end < 0 ? start : start.substring(0, end);
        char best = ',';
        long bestCount = 0;
        for (char candidate : new char[]{',', ';', '\t'}) {
            long count = line.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    @Override
    public void read(RowVisitor visitor) throws IOException {
        int rowNumber = 0;
        List<String> row;
        while ((row = nextRow()) != null) {
            rowNumber++;
            if (!visitor.row(rowNumber, row)) {
                return;
            }
        }
    }

    /** The next record, or null at the end of the file. Line numbers count records, as a spreadsheet shows rows. */
    List<String> nextRow() throws IOException {
        int c = next();
        if (c < 0) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    cells.add(cell.toString()); // an unterminated quote runs to the end of the file: keep what is there
                    return cells;
                }
                if (c == '"') {
                    int after = next();
                    if (after == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        c = after;
                        continue;
                    }
                } else {
                    cell.append((char) c);
                }
            } else if (c < 0 || c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    next();
                }
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                return cells;
            } else if (c == delimiter) {
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
                cell.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else {
                cell.append((char) c);
            }
            c = next();
        }
    }

    private int next() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int read = reader.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    @Override
    public double progress() {
        return size == 0 ? 1 : Math.min(1, (double) counting.count() / size);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
