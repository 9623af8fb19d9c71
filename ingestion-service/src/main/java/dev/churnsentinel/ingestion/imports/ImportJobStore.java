package dev.churnsentinel.ingestion.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Every query of {@code import_job} and {@code import_rejected_row}: imports, their counts and their rejected rows. */
@ApplicationScoped
public class ImportJobStore {
    private static final String COLUMNS = "id, type, status, file_name, format, file_key, time_zone, columns::text as columns, "
            + "mapping::text as mapping, guessed, rows_read, accepted, duplicates, rejected, progress, error, created_at, "
            + "started_at, finished_at";

    private final Pool pool;
    private final ObjectMapper json;

    public ImportJobStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** An import as stored, with what the runner needs besides the view: the key of its file. */
    public record Stored(ImportJob job, String fileKey) {
    }

    /** A row refused: its number in the file, its cells as they were, and why. */
    public record RejectedRow(int rowNumber, List<String> cells, List<Problem.FieldError> errors) {
    }

    public Uni<Void> create(String tenant, ImportJob job, String fileKey) {
        return pool.preparedQuery("insert into import_job (id, tenant, type, status, file_name, format, file_key, time_zone, "
                        + "columns, mapping, guessed, created_at, started_at, heartbeat_at) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10::text::jsonb, $11, $12, $13, $12)")
                .execute(Tuple.from(Arrays.asList(job.id(), tenant, job.type(), job.status(), job.fileName(), job.format(),
                        fileKey, job.timeZone(), write(job.columns()), write(job.mapping()), job.guessed(), job.createdAt(),
                        job.startedAt())))
                .replaceWithVoid();
    }

    /**
     * Deletes the rejected rows kept for correction that name the customer in any cell, in the caller's Hibernate
     * Reactive transaction (an erasure's).
     */
    public Uni<Integer> eraseRejected(String tenant, String customerId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("delete from import_rejected_row r "
                        + "using import_job j where r.job_id = j.id and j.tenant = ?1 "
                        + "and exists (select 1 from jsonb_array_elements_text(r.cells) cell where cell = ?2)")
                .setParameter(1, tenant).setParameter(2, customerId).executeUpdate());
    }

    /** The tenant's import, or empty (another tenant's is as absent as one that never was). */
    public Uni<Optional<Stored>> find(String tenant, UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from import_job where tenant = $1 and id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /**
     * Moves an import awaiting confirmation to RUNNING with its final mapping; false when it was not waiting (a second
     * confirmation, or one racing the first).
     */
    public Uni<Boolean> start(String tenant, UUID id, Map<String, String> mapping, boolean guessed, OffsetDateTime at) {
        return pool.preparedQuery("update import_job set status = 'RUNNING', mapping = $3::text::jsonb, guessed = $4, "
                        + "started_at = $5, heartbeat_at = $5 "
                        + "where tenant = $1 and id = $2 and status = 'AWAITING_CONFIRMATION'")
                .execute(Tuple.of(tenant, id, write(mapping), guessed, at))
                .map(result -> result.rowCount() == 1);
    }

    /** The counts so far; concurrent chunks may report out of order, so a count never moves back. */
    public Uni<Void> progress(UUID id, long rowsRead, long accepted, long duplicates, long rejected, double progress) {
        return pool.preparedQuery("update import_job set rows_read = greatest(rows_read, $2), accepted = greatest(accepted, $3), "
                        + "duplicates = greatest(duplicates, $4), rejected = greatest(rejected, $5), "
                        + "progress = greatest(progress, $6), heartbeat_at = now() where id = $1")
                .execute(Tuple.of(id, rowsRead, accepted, duplicates, rejected, progress))
                .replaceWithVoid();
    }

    /** Every tenant's RUNNING imports whose replica has not beaten since {@code before}, as tenant → stored import. */
    public Uni<List<Map.Entry<String, Stored>>> stale(OffsetDateTime before) {
        return pool.preparedQuery("select tenant, " + COLUMNS + " from import_job where status = 'RUNNING' "
                        + "and heartbeat_at < $1")
                .execute(Tuple.of(before))
                .map(rows -> {
                    List<Map.Entry<String, Stored>> running = new ArrayList<>();
                    for (Row row : rows) {
                        running.add(Map.entry(row.getString("tenant"), read(row)));
                    }
                    return running;
                });
    }

    /** Says that these imports are still running here. */
    public Uni<Void> beat(java.util.Collection<UUID> ids) {
        return pool.preparedQuery("update import_job set heartbeat_at = now() where id = any($1) and status = 'RUNNING'")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    /**
     * Claims a stale RUNNING import (not beaten since {@code before}) to start it over from its first row, its counts
     * back at 0 (rows it had stored come back as duplicates); false when it is not stale any more.
     */
    public Uni<Boolean> restart(UUID id, OffsetDateTime before) {
        return pool.preparedQuery("update import_job set rows_read = 0, accepted = 0, duplicates = 0, rejected = 0, "
                        + "progress = 0, heartbeat_at = now() where id = $1 and status = 'RUNNING' and heartbeat_at < $2")
                .execute(Tuple.of(id, before)).map(result -> result.rowCount() == 1);
    }

    /** Marks FAILED, with {@code error}, the RUNNING imports not in {@code except} whose replica has not beaten since {@code before}. */
    public Uni<Integer> failStale(OffsetDateTime before, java.util.Collection<UUID> except, String error) {
        return pool.preparedQuery("update import_job set status = 'FAILED', error = $3, finished_at = now() "
                        + "where status = 'RUNNING' and heartbeat_at < $1 and not (id = any($2))")
                .execute(Tuple.of(before, except.toArray(UUID[]::new), error)).map(result -> result.rowCount());
    }

    /** The end of an import: its final counts, and why it failed (null when it did not). */
    public Uni<Void> finish(UUID id, ImportJob.Status status, String error, long rowsRead, long accepted, long duplicates,
                            long rejected) {
        return pool.preparedQuery("update import_job set status = $2, error = $3, rows_read = $4, accepted = $5, "
                        + "duplicates = $6, rejected = $7, progress = case when $2 = 'SUCCEEDED' then 1 else progress end, "
                        + "finished_at = now() where id = $1")
                .execute(Tuple.from(Arrays.asList(id, status.name(), error, rowsRead, accepted, duplicates, rejected)))
                .replaceWithVoid();
    }

    /** Keeps a chunk's rejected rows in one statement. */
    public Uni<Void> reject(UUID id, List<RejectedRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Integer[] numbers = new Integer[rows.size()];
        String[] cells = new String[rows.size()];
        String[] errors = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            numbers[i] = rows.get(i).rowNumber();
            cells[i] = write(rows.get(i).cells());
            errors[i] = write(rows.get(i).errors());
        }
        return pool.preparedQuery("insert into import_rejected_row (job_id, row_number, cells, errors) "
                        + "select $1, r.row_number, r.cells::jsonb, r.errors::jsonb "
                        + "from unnest($2::int[], $3::text[], $4::text[]) as r(row_number, cells, errors) "
                        + "on conflict do nothing")
                .execute(Tuple.of(id, numbers, cells, errors))
                .replaceWithVoid();
    }

    /** The next page of an import's rejected rows after {@code afterRow}, in the file's order. */
    public Uni<List<RejectedRow>> rejected(UUID id, int afterRow, int limit) {
        return pool.preparedQuery("select row_number, cells::text as cells, errors::text as errors from import_rejected_row "
                        + "where job_id = $1 and row_number > $2 order by row_number limit $3")
                .execute(Tuple.of(id, afterRow, limit))
                .map(rows -> {
                    List<RejectedRow> page = new ArrayList<>();
                    for (Row row : rows) {
                        page.add(new RejectedRow(row.getInteger("row_number"),
                                read(row.getString("cells"), new TypeReference<List<String>>() { }),
                                read(row.getString("errors"), new TypeReference<List<Problem.FieldError>>() { })));
                    }
                    return page;
                });
    }

    private Stored read(Row row) {
        List<String> columns = read(row.getString("columns"), new TypeReference<List<String>>() { });
        Map<String, String> mapping = read(row.getString("mapping"), new TypeReference<java.util.LinkedHashMap<String, String>>() { });
        ImportJob job = new ImportJob(row.getUUID("id"), row.getString("type"), row.getString("status"),
                row.getString("file_name"), row.getString("format"), columns, mapping, row.getBoolean("guessed"),
                ColumnMapping.unmapped(mapping, columns), row.getString("time_zone"), row.getLong("rows_read"),
                row.getLong("accepted"), row.getLong("duplicates"), row.getLong("rejected"), row.getDouble("progress"),
                row.getString("error"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("started_at"),
                row.getOffsetDateTime("finished_at"));
        return new Stored(job, row.getString("file_key"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
