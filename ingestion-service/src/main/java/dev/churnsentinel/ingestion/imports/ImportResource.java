package dev.churnsentinel.ingestion.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.api.ApiDocument;
import dev.churnsentinel.platform.auth.Tenants;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Tag(name = "Imports", description = "Feedback, events and customer profiles from a spreadsheet (CSV or XLSX), as a job")
@Path("/api/v1/imports")
@RolesAllowed("ingest")
public class ImportResource {
    private static final String JOB_EXAMPLE = """
            {"id": "0190f3a2-7c1e-7d2a-9a51-3f5c2b8e4d10", "type": "feedback", "status": "RUNNING", "fileName": "surveys.xlsx",
             "format": "XLSX", "columns": ["客户编号", "内容", "时间", "满意度"],
             "mapping": {"customerId": "客户编号", "occurredAt": "时间", "text": "内容", "satisfaction": "满意度", "channel": "=SURVEY"},
             "guessed": false, "unmappedColumns": [], "timeZone": "Asia/Shanghai", "rowsRead": 42000, "accepted": 41890,
             "duplicates": 100, "rejected": 10, "progress": 0.42, "error": null, "createdAt": "2026-03-01T10:00:00+08:00",
             "startedAt": "2026-03-01T10:00:00+08:00", "finishedAt": null}""";
    private static final String CUSTOMERS_EXAMPLE = """
            {"customerId": "客户编号", "name": "客户名称", "valueTier": "会员等级", "annualValue": "年消费", "currency": "=CNY", \
            "accountManager.id": "客户经理工号", "accountManager.name": "客户经理", "accountManager.email": "客户经理邮箱", \
            "seniorManager.id": "店总工号", "seniorManager.name": "店总", "seniorManager.email": "店总邮箱", \
            "contacts.REGIONAL_DIRECTOR.id": "区域总监工号", "contacts.REGIONAL_DIRECTOR.email": "区域总监邮箱"}""";
    private static final int REJECTED_PAGE = 1000;

    private final Imports imports;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final ImportsConfig config;

    public ImportResource(Imports imports, SecurityIdentity identity, ObjectMapper json, ImportsConfig config) {
        this.imports = imports;
        this.identity = identity;
        this.json = json;
        this.config = config;
    }

    /** What may come with a confirmation: a mapping to use instead of the guessed one. */
    public record Confirmation(@Schema(description = "field → column header (or =VALUE); leave out to take the guess")
                               Map<String, String> mapping) {
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "a mapping was sent: the import runs; follow it at GET /api/v1/imports/{id}",
            content = @Content(schema = @Schema(implementation = ImportJob.class),
                    examples = @ExampleObject(name = "running", value = JOB_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "no mapping was sent: the guessed one waits for POST /api/v1/imports/{id}/confirm",
            content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "400", description = "no file, an unknown type, or a mapping that does not fit the file: problem+json naming each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @Operation(operationId = "importSpreadsheet", summary = "Import feedback, events or customer profiles from a CSV or XLSX file",
            description = "Multipart form: file (CSV in UTF-8 or GB18030, or XLSX: its first sheet; the first row names the "
                    + "columns), type (feedback, events or customers), optionally mapping (JSON: field → column header, or "
                    + "=VALUE for every row; a field of a nested object by its path, such as accountManager.email, "
                    + "contacts.REGIONAL_DIRECTOR.id or attributes.advisor) and timeZone (of times written without an "
                    + "offset; default Asia/Shanghai). With a mapping the import starts at once (202); without, the mapping "
                    + "is guessed from the headers (Chinese or English) and shown, and the import waits for POST "
                    + "/api/v1/imports/{id}/confirm (201). Every row is validated and stored as POST /api/v1/feedback/batch "
                    + "or /events/batch would; a row without an externalId gets one from the file and its row number, so "
                    + "importing the same file again yields duplicates. A customers row (customerId and the profile's "
                    + "fields) is validated and stored as PUT /api/v1/customers/{customerId} would: created or replaced "
                    + "(accepted), and announced to the other services; a profile identical to the one stored is a "
                    + "duplicate, left as it is. Of rows of one customer the later wins.")
    public Response upload(@RestForm("file") @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                   format = "binary") FileUpload file,
                           @RestForm("type") @Schema(enumeration = {"feedback", "events", "customers"}) String type,
                           @RestForm("mapping") @Schema(example = "{\"customerId\": \"客户编号\", \"text\": \"内容\"}",
                                   description = "field → column header, or =VALUE; for customers, e.g. " + CUSTOMERS_EXAMPLE)
                           String mapping,
                           @RestForm("timeZone") @Schema(example = "Asia/Shanghai") String timeZone) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("file", "is required: the CSV or XLSX file, as a multipart part")));
        }
        ImportType importType = ImportType.named(type).orElseThrow(() -> ProblemException.invalid(List.of(
                new Problem.FieldError("type", "must be feedback, events or customers"))));
        ImportJob job = imports.upload(Tenants.of(identity), file.uploadedFile(), file.fileName(), importType,
                mapping == null || mapping.isBlank() ? null : mapping(mapping), zone(timeZone));
        return Response.status(job.guessed() ? 201 : 202).header("Location", "/api/v1/imports/" + job.id()).entity(job).build();
    }

    @POST
    @Path("/{id}/confirm")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "the import runs",
            content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "409", description = "the import is not awaiting confirmation, or its file is gone",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiDocument.PROBLEM)))
    @Operation(operationId = "confirmImport", summary = "Start an import with its guessed mapping, or with a corrected one")
    public Response confirm(@PathParam("id") UUID id, Confirmation confirmation) {
        Map<String, String> mapping = confirmation == null || confirmation.mapping() == null ? null
                : new LinkedHashMap<>(confirmation.mapping());
        return Response.accepted(imports.confirm(Tenants.of(identity), id, mapping)).build();
    }

    @GET
    @Path("/{id}")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the import and its counts",
            content = @Content(schema = @Schema(implementation = ImportJob.class),
                    examples = @ExampleObject(name = "running", value = JOB_EXAMPLE)))
    @Operation(operationId = "getImport", summary = "An import: status, rows read, accepted, duplicate, rejected, progress")
    public ImportJob get(@PathParam("id") UUID id) {
        return imports.get(Tenants.of(identity), id);
    }

    @GET
    @Path("/{id}/rejected")
    @Blocking
    @Produces("text/csv")
    @APIResponse(responseCode = "200", description = "row, the file's columns, errors; UTF-8 with a byte-order mark for Excel",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING),
                    examples = @ExampleObject(name = "rejected", value = "row,客户编号,内容,时间,满意度,errors\r\n"
                            + "7,C-0042,师傅很专业,2026-03-01 10:00,11,satisfaction: must be less than or equal to 10\r\n")))
    @Operation(operationId = "getImportRejectedRows", summary = "The rejected rows of an import with their errors, as CSV")
    public Response rejected(@PathParam("id") UUID id) {
        ImportJob job = imports.get(Tenants.of(identity), id);
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(RejectedCsv.BYTE_ORDER_MARK);
            writer.write(RejectedCsv.header(job.columns()));
            int after = 0;
            List<ImportJobStore.RejectedRow> page;
            do {
                page = imports.rejected(job.id(), after, REJECTED_PAGE);
                for (ImportJobStore.RejectedRow row : page) {
                    writer.write(RejectedCsv.row(row, job.columns().size()));
                    after = row.rowNumber();
                }
            } while (page.size() == REJECTED_PAGE);
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + id + "-rejected.csv\"").build();
    }

    private Map<String, String> mapping(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("mapping",
                    "must be a JSON object of field → column header, e.g. {\"customerId\": \"客户编号\"}")));
        }
    }

    private ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return config.timeZone();
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("timeZone", "must be a time zone such as Asia/Shanghai or +08:00")));
        }
    }
}
