package dev.churnsentinel.ingestion.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvSheetTest {
    @TempDir
    Path dir;

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        List<List<String>> rows = read("\uFEFF客户编号,内容\r\nC1,\"贵, 太贵了\"\r\nC2,\"他说\"\"解约\"\"\n再也不来\"\n", StandardCharsets.UTF_8);
        assertEquals(List.of(List.of("客户编号", "内容"), List.of("C1", "贵, 太贵了"), List.of("C2", "他说\"解约\"\n再也不来")), rows);
    }

    @Test
    void aFileExcelSavedInTheChineseCodePageIsReadAsGb18030() throws IOException {
        assertEquals(List.of(List.of("客户编号", "内容"), List.of("C1", "服务很好")),
                read("客户编号,内容\nC1,服务很好\n", CsvSheet.GB18030));
    }

    @Test
    void theDelimiterIsTheOneTheHeaderHoldsMostOf() throws IOException {
        assertEquals(List.of(List.of("a", "b", "c"), List.of("1,5", "2", "")), read("a;b;c\n1,5;2;\n", StandardCharsets.UTF_8));
        assertEquals(List.of(List.of("a", "b"), List.of("x", "y")), read("a\tb\nx\ty", StandardCharsets.UTF_8));
    }

    @Test
    void progressReachesTheWholeFile() throws IOException {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "a,b\n1,2\n");
        try (CsvSheet sheet = new CsvSheet(file)) {
            sheet.read((n, cells) -> true);
            assertEquals(1.0, sheet.progress());
        }
    }

    private List<List<String>> read(String content, java.nio.charset.Charset charset) throws IOException {
        Path file = dir.resolve("f.csv");
        Files.write(file, content.getBytes(charset));
        List<List<String>> rows = new ArrayList<>();
        try (CsvSheet sheet = new CsvSheet(file)) {
            sheet.read((n, cells) -> rows.add(cells));
        }
        return rows;
    }
}
