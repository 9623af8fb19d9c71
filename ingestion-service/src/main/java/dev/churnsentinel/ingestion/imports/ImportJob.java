package dev.churnsentinel.ingestion.imports;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An import as the API shows it: its file, its mapping (guessed or given) and how far its rows have got. */
public record ImportJob(UUID id,
                        @Schema(description = "what the rows are", enumeration = {"feedback", "events"}) String type,
                        @Schema(description = "AWAITING_CONFIRMATION (a guessed mapping waits for POST .../confirm), "
                                + "RUNNING, SUCCEEDED (every row read: accepted, duplicate or rejected) or FAILED (see error)",
                                enumeration = {"AWAITING_CONFIRMATION", "RUNNING", "SUCCEEDED", "FAILED"}) String status,
                        @Schema(example = "visits.xlsx") String fileName,
                        @Schema(enumeration = {"CSV", "XLSX"}) String format,
                        @Schema(description = "the file's column headers, in order") List<String> columns,
                        @Schema(description = "field → column header (or =VALUE for every row)",
                                example = "{\"customerId\": \"客户编号\", \"text\": \"内容\", \"occurredAt\": \"时间\", \"channel\": \"=SURVEY\"}")
                        Map<String, String> mapping,
                        @Schema(description = "whether the mapping was guessed from the headers") boolean guessed,
                        @Schema(description = "columns no field is mapped to: not imported") List<String> unmappedColumns,
                        @Schema(description = "the time zone of times written without an offset", example = "Asia/Shanghai") String timeZone,
                        @Schema(description = "data rows read so far (blank rows are skipped)") long rowsRead,
                        @Schema(description = "rows stored as new records") long accepted,
                        @Schema(description = "rows whose record was already there (same externalId, or the same row of the same file)") long duplicates,
                        @Schema(description = "rows refused: GET .../rejected lists them with their errors") long rejected,
                        @Schema(description = "how much of the file has been read, 0 to 1") double progress,
                        @Schema(description = "why a FAILED import stopped; rows counted before stay accepted") String error,
                        OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    public enum Status { AWAITING_CONFIRMATION, RUNNING, SUCCEEDED, FAILED }
}
