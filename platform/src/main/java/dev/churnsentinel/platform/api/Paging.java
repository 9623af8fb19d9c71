package dev.churnsentinel.platform.api;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** The paging parameters every list takes, as a {@code @BeanParam}: {@code limit}, {@code cursor}, {@code includeTotal}. */
public class Paging {
    private static final Set<String> OWN = Set.of("limit", "cursor", "includeTotal");

    @QueryParam("limit")
    @Parameter(description = "Items per page, from 1 to the list's maximum", schema = @Schema(type = SchemaType.INTEGER))
    String limit;

    @QueryParam("cursor")
    @Parameter(description = "The nextCursor of the previous page, unchanged; absent for the first page")
    String cursor;

    @QueryParam("includeTotal")
    @Parameter(description = "false leaves out total (the count of every match), one query less per page",
            schema = @Schema(type = SchemaType.BOOLEAN))
    String includeTotal;

    @Context
    UriInfo uri;

    /** 1 to {@code max}, {@code byDefault} when absent; else 400 naming the field. */
    public int limit(int byDefault, int max) {
        if (limit == null || limit.isBlank()) {
            return byDefault;
        }
        return QueryValues.integer("limit", limit, 1, max);
    }

    /** The cursor of the page asked for, or null for the first page. */
    public String cursor() {
        return cursor == null || cursor.isBlank() ? null : cursor.trim();
    }

    /** Whether to count every match; true unless {@code includeTotal=false}. */
    public boolean includeTotal() {
        Boolean value = QueryValues.bool("includeTotal", includeTotal);
        return value == null || value;
    }

    /**
     * What a cursor is bound to: the path and every query parameter but the paging ones, so a cursor cannot be used
     * with another sort or other filters.
     */
    public String query() {
        if (uri == null) {
            return "";
        }
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        parameters.forEach((name, values) -> {
            if (!OWN.contains(name)) {
                sorted.put(name, values);
            }
        });
        return uri.getPath() + "?" + sorted;
    }
}
