package dev.churnsentinel.ingestion.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnsentinel.ingestion.customer.CustomerRows;
import dev.churnsentinel.ingestion.customer.CustomerService;
import dev.churnsentinel.ingestion.events.EventRequest;
import dev.churnsentinel.ingestion.events.EventRules;
import dev.churnsentinel.ingestion.events.EventService;
import dev.churnsentinel.ingestion.feedback.FeedbackRequest;
import dev.churnsentinel.ingestion.feedback.FeedbackService;
import dev.churnsentinel.ingestion.intake.Accepted;
import dev.churnsentinel.ingestion.intake.BatchReader;
import dev.churnsentinel.ingestion.intake.BatchResult;
import dev.churnsentinel.ingestion.intake.Intake;
import dev.churnsentinel.ingestion.intake.IngestionConfig;
import dev.churnsentinel.outbox.OutboxRelay;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import dev.churnsentinel.platform.jobs.Repeater;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Spreadsheet imports: an uploaded file becomes a job that reads it row by row ({@link Sheet}), makes each row the
 * record the API takes ({@link ColumnMapping}) and sends the rows through the same validation ({@link BatchReader}) and
 * the same storage as the API: feedback and events through the intake ({@link Intake}: idempotent by externalId, durable
 * through the outbox) as the batch endpoints, a few chunks in flight; customer profiles through {@link CustomerService}
 * as the PUT, a few chunks in flight too, but never two that hold one customer, so that a later row of a customer is
 * stored after an earlier one. A batch's worth of rows at a time. Blocking: call it from worker threads; jobs run on
 * threads of their own.
 */
@ApplicationScoped
public class Imports {
    /**
     * How one kind of record is taken: a chunk's records read and checked as the API reads them, its valid items stored
     * (answering, for each, whether it was a duplicate), and, where a later record replaces an earlier one with the same
     * key, that key ({@code customerId}): two chunks in flight never share one, so they cannot be stored out of order.
     */
    private record Target<T>(Function<List<JsonNode>, BatchReader.Read<T>> read,
                             BiFunction<String, List<T>, Uni<List<Boolean>>> store, String replacedBy) {
    }

    /** A chunk being stored, and the keys it replaces (none for feedback and events). */
    private record InFlight(CompletableFuture<Void> stored, Set<String> keys) {
    }

    private final ImportJobStore store;
    private final Intake intake;
    private final BatchReader batches;
    private final OutboxRelay relay;
    private final IngestionConfig ingestion;
    private final ImportsConfig config;
    private final Map<ImportType, Target<?>> targets;
    private final ExecutorService jobs;
    /** The imports this replica runs (or has queued). */
    private final Set<UUID> runningHere = ConcurrentHashMap.newKeySet();
    private Repeater watch;

    public Imports(ImportJobStore store, Intake intake, BatchReader batches, OutboxRelay relay, IngestionConfig ingestion,
                   ImportsConfig config, FeedbackService feedback, EventService events, CustomerRows customerRows,
                   CustomerService customers) {
        this.store = store;
        this.intake = intake;
        this.batches = batches;
        this.relay = relay;
        this.ingestion = ingestion;
        this.config = config;
        this.targets = Map.of(
                ImportType.FEEDBACK, intake(FeedbackRequest.class, FeedbackRequest::ruleErrors, feedback.shape()),
                ImportType.EVENTS, intake(EventRequest.class, EventRules::check, events.shape()),
                ImportType.CUSTOMERS, new Target<>(customerRows::read, customers::putAll, "customerId"));
        AtomicInteger threads = new AtomicInteger();
        this.jobs = Executors.newFixedThreadPool(config.concurrentJobs(), work -> {
            Thread thread = new Thread(work, "import-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Feedback or events: read as their batch endpoint reads them, stored through the intake. */
    private <T> Target<T> intake(Class<T> type, Function<T, List<Problem.FieldError>> rules, Intake.Shape<T> shape) {
        return new Target<>(records -> batches.read(records, type, rules), (tenant, items) -> intake.accept(tenant, items, shape)
                .map(answers -> answers.stream().map(Accepted::duplicate).toList()), null);
    }

    void start(@Observes StartupEvent startup) {
        watch = Repeater.start("import-watch", config.heartbeat(), this::watch);
        watch.nudge();
    }

    @PreDestroy
    void stop() {
        if (watch != null) {
            watch.close();
        }
        jobs.shutdownNow();
    }

    /**
     * Says which imports still run here; resumes, from their first row, the imports whose replica stopped and whose file
     * is here (this replica before a restart); marks FAILED those whose replica has been silent for
     * {@code sentinel.ingestion.imports.stale-after} and that no replica has resumed.
     */
    void watch() {
        OffsetDateTime now = OffsetDateTime.now();
        List<UUID> here = List.copyOf(runningHere);
        if (!here.isEmpty()) {
            store.beat(here).await().indefinitely();
        }
        OffsetDateTime silent = now.minus(config.heartbeat().multipliedBy(2));
        for (Map.Entry<String, ImportJobStore.Stored> stale : store.stale(silent).await().indefinitely()) {
            ImportJob job = stale.getValue().job();
            if (!runningHere.contains(job.id()) && Files.exists(fileOf(job.id()))
                    && store.restart(job.id(), silent).await().indefinitely()) {
                Log.infof("resuming import %s of %s from its first row: its replica stopped while it ran", job.id(),
                        stale.getKey());
                submit(stale.getKey(), job, stale.getValue().fileKey());
            }
        }
        int failed = store.failStale(now.minus(config.staleAfter()), runningHere, "stopped when the replica running it "
                + "did, and no replica had its file to resume it; import the file again (rows already stored come back "
                + "as duplicates)").await().indefinitely();
        if (failed > 0) {
            Log.warnf("%d import(s) marked FAILED: their replica stopped %s ago or more", failed, config.staleAfter());
        }
    }

    /**
     * Takes an uploaded file (moved into the imports directory, so the upload's temporary file may go): with a mapping
     * the import starts at once; without one the mapping is guessed from the headers and waits for {@link #confirm}.
     */
    public ImportJob upload(String tenant, Path uploaded, String fileName, ImportType type, Map<String, String> mapping,
                            ZoneId zone) {
        UUID id = UUID.randomUUID();
        Path file = fileOf(id);
        try {
            Files.createDirectories(file.getParent());
            Files.move(uploaded, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Sheet.Format format = Sheet.formatOf(file);
            List<String> headers = headers(file, format);
            boolean guessed = mapping == null;
            Map<String, String> chosen = guessed ? ColumnMapping.guess(type, headers) : mapping;
            if (!guessed) {
                refuseIfWrong(type, chosen, headers);
            }
            OffsetDateTime now = OffsetDateTime.now();
            ImportJob job = new ImportJob(id, type.wireName(), (guessed ? ImportJob.Status.AWAITING_CONFIRMATION
                    : ImportJob.Status.RUNNING).name(), fileName, format.name(), headers, chosen, guessed,
                    ColumnMapping.unmapped(chosen, headers), zone.getId(), 0, 0, 0, 0, 0, null, now, guessed ? null : now, null);
            String fileKey = fileKey(file);
            store.create(tenant, job, fileKey).await().indefinitely();
            if (!guessed) {
                submit(tenant, job, fileKey);
            }
            return job;
        } catch (RuntimeException | IOException e) {
            delete(file);
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            if (e instanceof IOException) {
                throw ProblemException.invalid(List.of(new Problem.FieldError("file", "could not be read: " + e.getMessage())));
            }
            throw (RuntimeException) e;
        }
    }

    /** Starts an import that waits for its guessed mapping, with that mapping or the one given instead. */
    public ImportJob confirm(String tenant, UUID id, Map<String, String> mapping) {
        ImportJobStore.Stored stored = find(tenant, id);
        ImportJob job = stored.job();
        if (!job.status().equals(ImportJob.Status.AWAITING_CONFIRMATION.name())) {
            throw new ProblemException(409, "Conflict", "import " + id + " is " + job.status() + ", not awaiting confirmation");
        }
        if (!Files.exists(fileOf(id))) {
            throw new ProblemException(409, "Conflict", "the file of import " + id
                    + " is not kept on this replica (it restarted, or another one took the upload): upload it again");
        }
        ImportType type = ImportType.named(job.type()).orElseThrow();
        Map<String, String> chosen = mapping == null ? job.mapping() : mapping;
        refuseIfWrong(type, chosen, job.columns());
        OffsetDateTime now = OffsetDateTime.now();
        if (!store.start(tenant, id, chosen, mapping == null, now).await().indefinitely()) {
            throw new ProblemException(409, "Conflict", "import " + id + " was confirmed already");
        }
        ImportJob running = find(tenant, id).job();
        submit(tenant, running, stored.fileKey());
        return running;
    }

    public ImportJob get(String tenant, UUID id) {
        return find(tenant, id).job();
    }

    /** The next page of an import's rejected rows (the import must be the tenant's). */
    public List<ImportJobStore.RejectedRow> rejected(UUID id, int afterRow, int limit) {
        return store.rejected(id, afterRow, limit).await().indefinitely();
    }

    private ImportJobStore.Stored find(String tenant, UUID id) {
        return store.find(tenant, id).await().indefinitely()
                .orElseThrow(() -> ProblemException.notFound("import " + id));
    }

    private static void refuseIfWrong(ImportType type, Map<String, String> mapping, List<String> headers) {
        List<Problem.FieldError> errors = ColumnMapping.check(type, mapping, headers);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** The first row that is not blank. */
    static List<String> headers(Path file, Sheet.Format format) throws IOException {
        List<List<String>> header = new ArrayList<>();
        try (Sheet sheet = Sheet.open(file, format)) {
            sheet.read((rowNumber, cells) -> {
                if (ColumnMapping.blank(cells)) {
                    return true;
                }
                header.add(cells);
                return false;
            });
        }
        if (header.isEmpty()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("file", "is empty: the first row must name the columns")));
        }
        return header.get(0);
    }

    /** The first 16 hex digits of the file's SHA-256: the same file, the same externalIds for rows without one. */
    static String fileKey(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path fileOf(UUID id) {
        return Path.of(config.directory(), id.toString());
    }

    private void submit(String tenant, ImportJob job, String fileKey) {
        runningHere.add(job.id());
        jobs.execute(() -> {
            try {
                run(tenant, job, fileKey);
            } finally {
                runningHere.remove(job.id());
            }
        });
    }

    /** The counts of a running import, moved on by chunks finishing in any order. */
    private static final class Counts {
        final AtomicLong read = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
    }

    /** A batch's worth of rows: their numbers, cells and records. */
    private record Chunk(List<Integer> rowNumbers, List<List<String>> cells, List<JsonNode> records) {
        Chunk() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private void run(String tenant, ImportJob job, String fileKey) {
        Path file = fileOf(job.id());
        ImportType type = ImportType.named(job.type()).orElseThrow();
        Counts counts = new Counts();
        long started = System.nanoTime();
        try (Sheet sheet = Sheet.open(file, Sheet.Format.valueOf(job.format()))) {
            ColumnMapping mapping = ColumnMapping.of(type, job.mapping(), job.columns(), ZoneId.of(job.timeZone()));
            ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
            Chunk[] chunk = {new Chunk()};
            boolean[] header = {false};
            sheet.read((rowNumber, cells) -> {
                if (ColumnMapping.blank(cells)) {
                    return true;
                }
                if (!header[0]) {
                    header[0] = true;
                    return true;
                }
                counts.read.incrementAndGet();
                chunk[0].rowNumbers().add(rowNumber);
                chunk[0].cells().add(cells);
                chunk[0].records().add(mapping.record(rowNumber, cells, fileKey));
                if (chunk[0].records().size() == ingestion.maxBatchSize()) {
                    send(tenant, job, type, chunk[0], counts, sheet, inFlight);
                    chunk[0] = new Chunk();
                }
                return !Thread.currentThread().isInterrupted();
            });
            if (!chunk[0].records().isEmpty()) {
                send(tenant, job, type, chunk[0], counts, sheet, inFlight);
            }
            while (!inFlight.isEmpty()) {
                inFlight.poll().stored().join();
            }
            finish(job, ImportJob.Status.SUCCEEDED, null, counts);
            double seconds = (System.nanoTime() - started) / 1e9;
            Log.infof("import %s of %s: %d rows in %.1f s (%.0f rows/s), %d accepted, %d duplicates, %d rejected",
                    job.id(), tenant, counts.read.get(), seconds, counts.read.get() / seconds, counts.accepted.get(),
                    counts.duplicates.get(), counts.rejected.get());
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            Log.errorf(cause, "import %s of %s failed after %d rows", job.id(), tenant, counts.read.get());
            finish(job, ImportJob.Status.FAILED, "stopped after " + counts.read.get() + " rows: "
                    + (cause instanceof IOException ? cause.getMessage() : "an internal error; import the file again "
                    + "(rows already accepted come back as duplicates)"), counts);
        } finally {
            delete(file);
        }
    }

    private void finish(ImportJob job, ImportJob.Status status, String error, Counts counts) {
        store.finish(job.id(), status, error, counts.read.get(), counts.accepted.get(), counts.duplicates.get(),
                counts.rejected.get()).await().indefinitely();
    }

    /**
     * Sends a chunk to the intake, waiting first while the outbox is over its limit (as the API refuses writes then)
     * and while the chunks in flight are as many as allowed.
     */
    private void send(String tenant, ImportJob job, ImportType type, Chunk chunk, Counts counts, Sheet sheet,
                      ArrayDeque<InFlight> inFlight) {
        while (relay.backlog() > ingestion.maxOutboxBacklog()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopped while waiting for the outbox to drain", e);
            }
        }
        Target<?> target = targets.get(type);
        Set<String> keys = new HashSet<>();
        if (target.replacedBy() != null) {
            chunk.records().forEach(record -> keys.add(record.path(target.replacedBy()).asText()));
        }
        while (inFlight.size() >= config.chunksInFlight()
                || inFlight.stream().anyMatch(earlier -> !Collections.disjoint(earlier.keys(), keys))) {
            inFlight.poll().stored().join();
        }
        inFlight.add(new InFlight(store(tenant, job, target, chunk, counts)
                .call(() -> store.progress(job.id(), counts.read.get(), counts.accepted.get(), counts.duplicates.get(),
                        counts.rejected.get(), sheet.progress()))
                .subscribeAsCompletionStage().toCompletableFuture(), keys));
    }

    /** Validates a chunk as the API validates its records, stores its valid rows and keeps its rejected ones. */
    private <T> Uni<Void> store(String tenant, ImportJob job, Target<T> target, Chunk chunk, Counts counts) {
        BatchReader.Read<T> read = target.read().apply(chunk.records());
        List<ImportJobStore.RejectedRow> rejected = new ArrayList<>(read.rejected().size());
        for (BatchResult.Rejected r : read.rejected()) {
            rejected.add(new ImportJobStore.RejectedRow(chunk.rowNumbers().get(r.index()), chunk.cells().get(r.index()),
                    r.errors()));
        }
        List<T> valid = read.valid().stream().map(BatchReader.Item::value).toList();
        Uni<List<Boolean>> stored = valid.isEmpty() ? Uni.createFrom().item(List.of()) : target.store().apply(tenant, valid);
        return stored.invoke(answers -> {
            long duplicates = answers.stream().filter(duplicate -> duplicate).count();
            counts.duplicates.addAndGet(duplicates);
            counts.accepted.addAndGet(answers.size() - duplicates);
        }).call(() -> store.reject(job.id(), rejected)).invoke(() -> counts.rejected.addAndGet(rejected.size()))
                .replaceWithVoid();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.warnf("could not delete %s: %s", file, e.getMessage());
        }
    }
}
