package dev.churnsentinel.ingestion.imports;

import dev.churnsentinel.platform.problem.Problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The rejected rows of an import as CSV a person opens in Excel, corrects and imports again: the row's number in the
 * file, its cells under the file's own headers, and its errors ("field: why; field: why") last.
 */
final class RejectedCsv {
    /** Excel reads a UTF-8 CSV file as its local code page unless it starts with a byte-order mark. */
    static final String BYTE_ORDER_MARK = "\uFEFF";

    private RejectedCsv() {
    }

    static String header(List<String> columns) {
        return line(concat("row", columns, "errors"));
    }

    static String row(ImportJobStore.RejectedRow row, int columns) {
        List<String> cells = new java.util.ArrayList<>(row.cells());
        while (cells.size() < columns) {
            cells.add("");
        }
        return line(concat(String.valueOf(row.rowNumber()), cells, errors(row.errors())));
    }

    private static List<String> concat(String first, List<String> middle, String last) {
        List<String> all = new java.util.ArrayList<>(middle.size() + 2);
        all.add(first);
        all.addAll(middle);
        all.add(last);
        return all;
    }

    /** One CSV line (RFC 4180): a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) line.append(',');
            String field = fields.get(i) == null ? "" : fields.get(i);
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                line.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                line.append(field);
            }
        }
        return line.append("\r\n").toString();
    }

    /** A row's errors in one cell. */
    static String errors(List<Problem.FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
