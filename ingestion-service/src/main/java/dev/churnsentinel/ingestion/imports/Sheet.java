package dev.churnsentinel.ingestion.imports;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A spreadsheet read row by row from a file, never whole: a CSV file or the first sheet of an XLSX workbook. The first
 * row that is not blank is the header; rows are numbered as the spreadsheet shows them (the header of a plain file is
 * row 1), so an error report points at the line a person sees.
 */
public interface Sheet extends Closeable {

    /** The formats a sheet is read from. */
    enum Format { CSV, XLSX }

    /** Receives rows in order; answers false to stop reading. */
    @FunctionalInterface
    interface RowVisitor {
        boolean row(int rowNumber, List<String> cells) throws IOException;
    }

    /** Reads the rows in order, the header first, until the end or until the visitor says stop. */
    void read(RowVisitor visitor) throws IOException;

    /** How much of the file has been read so far, from 0 to 1 (an estimate from bytes, not rows). */
    double progress();

    /** Opens the file in its format; XLSX is told by its first bytes (a ZIP archive), anything else is CSV. */
    static Sheet open(Path file, Format format) throws IOException {
        return format == Format.XLSX ? new XlsxSheet(file) : new CsvSheet(file);
    }

    /** The format of a file from its first bytes: "PK" starts every XLSX (a ZIP archive), never a CSV file. */
    static Format formatOf(Path file) throws IOException {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            byte[] start = in.readNBytes(4);
            return start.length == 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4
                    ? Format.XLSX : Format.CSV;
        }
    }
}
