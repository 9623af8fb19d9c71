package dev.churnsentinel.platform.api;

import dev.churnsentinel.platform.problem.Problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes every service's OpenAPI document (the operations document their own answers with annotations):
 * <ul>
 * <li>on every {@code /api/} operation, the answers the platform gives whatever the operation
 * ({@link dev.churnsentinel.platform.problem.ProblemMappers}, {@link KnownQueryParameters}, {@link BodyLimit},
 * {@link dev.churnsentinel.platform.limits.RateLimits}): 401 without a valid key, 403 without the role, 429 over the
 * tenant's quota, 413 for a body over the limit and 400 for an unknown query parameter, each a problem+json with an
 * example; and the {@code Problem} schema the operations refer to ({@code @Schema(ref = ApiDocument.PROBLEM)});</li>
 * <li>a response's {@code @Extension(name = ApiDocument.EXAMPLE, value = "{...}", parseValue = true)} becomes the
 * example of its body. An {@code @APIResponse} with a {@code @Content} of its own loses the schema SmallRye infers
 * from the method's return type (it infers one only for a response without content), and a generic one such as
 * {@code Items<AtRisk>} cannot be named in {@code @Schema}: so an operation that returns its body's type gives the
 * example this way and keeps the inferred schema.</li>
 * </ul>
 */
public class ApiDocument implements OASFilter {
    /** The name of the problem+json schema in {@code components/schemas}. */
    public static final String PROBLEM = "Problem";
    /** A response extension holding an example of the response's body, moved into its content. */
    public static final String EXAMPLE = "x-example";
    /**
     * The start of an example 400 problem with one invalid field, for {@code @ExampleObject} values: append the
     * {@code errors} array and the closing brace, {@code [{"field": "text", "message": "must not be blank"}]}}.
     */
    public static final String INVALID_FIELD = """
            {"type": "about:blank", "title": "Invalid request", "status": 400, "detail": "the request has 1 invalid field(s)",
             "errors":""";
    /** {@link Problem.FieldError}'s schema, as the operations that answer it (a batch's rejected items) name it too. */
    private static final String FIELD_ERROR = "FieldError";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean any = false;
        for (var path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                document(operation);
                any = true;
            }
        }
        if (any) {
            if (openAPI.getComponents() == null) {
                openAPI.setComponents(OASFactory.createComponents());
            }
            if (openAPI.getComponents().getSchemas() == null
                    || !openAPI.getComponents().getSchemas().containsKey(FIELD_ERROR)) {
                openAPI.getComponents().addSchema(FIELD_ERROR, fieldErrorSchema());
            }
            openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        }
    }

    private static void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        responses.getAPIResponses().values().forEach(ApiDocument::exampleIntoContent);
        if (!responses.hasAPIResponse("400")) {
            responses.addAPIResponse("400", problem("an unknown query parameter (every operation refuses them)",
                    "unknownQueryParameter", invalid("statsu", "unknown query parameter; this operation takes none")));
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (secured) {
            responses.addAPIResponse("401", problem("no API key, or not a valid one (with WWW-Authenticate: Bearer)",
                    "unauthorized", example(401, "Unauthorized", "send a valid API key as 'Authorization: Bearer <api-key>'")));
            responses.addAPIResponse("403", problem("the API key does not have the role this operation needs",
                    "forbidden", example(403, "Forbidden", "this API key does not have the role this operation needs")));
        }
        if (operation.getRequestBody() != null) {
            responses.addAPIResponse("413", problem("the body is larger than sentinel.http.max-body-size (8 MiB): send fewer items",
                    "tooLarge", example(413, "Content Too Large", "the body is 9437184 bytes; at most 8388608 bytes (8 MiB) "
                            + "are accepted: send fewer items per request")));
        }
        if (secured) {
            responses.addAPIResponse("429", problem("the tenant sent more than its quota of requests (when one is set): "
                            + "try again after Retry-After seconds", "tooManyRequests", example(429, "Too Many Requests",
                            "tenant acme sends more than its quota of 50 requests a second; try again in 1 s")));
        }
    }

    private static void exampleIntoContent(APIResponse response) {
        if (response.getExtensions() == null || !response.getExtensions().containsKey(EXAMPLE)) {
            return;
        }
        Object example = response.getExtensions().get(EXAMPLE);
        response.removeExtension(EXAMPLE);
        if (response.getContent() != null && response.getContent().getMediaTypes() != null) {
            response.getContent().getMediaTypes().values().forEach(type -> type.setExample(example));
        }
    }

    private static APIResponse problem(String description, String exampleName, Map<String, Object> example) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM))
                        .addExample(exampleName, OASFactory.createExample().value(example))));
    }

    private static Map<String, Object> example(int status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }

    private static Map<String, Object> invalid(String field, String message) {
        Map<String, Object> problem = example(400, "Invalid request", "the request has 1 invalid field(s)");
        Map<String, Object> error = new LinkedHashMap<>(); // in a fixed order: the document is compared with a snapshot
        error.put("field", field);
        error.put("message", message);
        problem.put("errors", List.of(error));
        return problem;
    }

    private static Schema fieldErrorSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text);
    }

    /** {@link Problem} as JSON Schema: RFC 9457 members, and {@code errors} for a failed validation. */
    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document (application/problem+json); errors lists invalid fields")
                .addProperty("type", text).addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("each invalid field: its path in the request (items[3].nps, or a query parameter) and why")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR)));
    }
}
