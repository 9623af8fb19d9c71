package dev.churnsentinel.ingestion.imports;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The first sheet of an XLSX workbook, read as a stream of SAX events (POI's XSSFReader and XSSFSheetXMLHandler): one
 * row in memory at a time, never the workbook. The shared strings table (the texts the sheet refers to) is read into
 * memory first, as POI's event API does: a workbook of long unique texts costs about their size. Dates come as
 * ISO-8601 local date-times ({@code 2026-03-01T10:00}), numbers as plain decimals ({@code 1001}, {@code 680.5}), never
 * as the cell's display format.
 */
final class XlsxSheet implements Sheet {
    private final OPCPackage workbook;
    private volatile CountingInputStream sheetRead;
    private long sheetSize = -1;

    XlsxSheet(Path file) throws IOException {
        try {
            this.workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (OpenXML4JException | RuntimeException e) {
            throw new IOException("not a readable XLSX workbook", e);
        }
    }

    /** Stops the SAX parser when the visitor has read enough (the header alone, for a guess). */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    @Override
    public void read(RowVisitor visitor) throws IOException {
        try {
            XSSFReader reader = new XSSFReader(workbook);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                return;
            }
            try (CountingInputStream sheet = new CountingInputStream(sheets.next())) {
                sheetRead = sheet;
                sheetSize = sheets.getSheetPart().getSize();
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
                        new Rows(visitor), new IsoDataFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (Stop stop) {
            // the visitor has what it wanted
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            throw new IOException("not a readable XLSX workbook: " + e.getMessage(), e);
        }
    }

    @Override
    public double progress() {
        CountingInputStream read = sheetRead;
        return sheetSize <= 0 || read == null ? 0 : Math.min(1, (double) read.count() / sheetSize);
    }

    @Override
    public void close() throws IOException {
        workbook.revert(); // opened read-only: close without writing anything back
    }

    /** Collects a row's cells by column (empty cells are absent from the XML) and hands the row on. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowVisitor visitor;
        private final List<String> cells = new ArrayList<>();

        Rows(RowVisitor visitor) {
            this.visitor = visitor;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            try {
                if (!visitor.row(rowNum + 1, List.copyOf(cells))) {
                    throw new Stop();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value.strip());
        }
    }

    /** Dates as ISO-8601, other numbers as plain decimals: what the API reads, whatever the cell's display format. */
    static final class IsoDataFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime time = DateUtil.getLocalDateTime(value, use1904Windowing, true);
                return time.toString();
            }
            return plain(value);
        }

        static String plain(double value) {
            BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
            return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
        }
    }
}
