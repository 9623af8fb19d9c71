package dev.churnsentinel.ingestion.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnsentinel.platform.problem.Problem.FieldError;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which column of a spreadsheet holds which field of the records, and each row made into the JSON record the API would
 * have been sent, so that the import validates and stores rows exactly as the feedback, event and customer APIs do.
 * A mapping names, for each field, a column by its header, or a value for every row after {@code =}
 * ({@code "channel": "=SURVEY"}); a field's path puts it in a nested object ({@code "accountManager.email": "客户经理邮箱"}
 * becomes {@code {"accountManager": {"email": …}}}). A feedback or event row without an externalId gets one from the file
 * and the row number, so the same file imported again finds its rows already there.
 */
public final class ColumnMapping {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ImportType type;
    private final ZoneId zone;
    private final List<Target> targets;
    private final int externalIdColumn;
    private final boolean externalIds;

    /**
     * A field, where it goes in the record (its path: one name, or the objects it is nested in, then its name) and where
     * its value comes from: a column or a value for every row.
     */
    private record Target(List<String> path, boolean time, boolean scalar, int column, String constant) {
    }

    private ColumnMapping(ImportType type, ZoneId zone, List<Target> targets, int externalIdColumn) {
        this.type = type;
        this.zone = zone;
        this.targets = targets;
        this.externalIdColumn = externalIdColumn;
        this.externalIds = type.field("externalId").isPresent();
    }

    /** The mapping a person would likely choose: each field's first column whose header means it. */
    public static Map<String, String> guess(ImportType type, List<String> headers) {
        Map<String, String> mapping = new LinkedHashMap<>();
        List<String> normalised = headers.stream().map(ImportType::normalise).toList();
        for (ImportType.Field field : type.fields()) {
            List<String> names = new ArrayList<>();
            names.add(ImportType.normalise(field.name()));
            field.headers().forEach(h -> names.add(ImportType.normalise(h)));
            first(headers, normalised, names, mapping.values()).ifPresent(header -> mapping.put(field.name(), header));
        }
        for (String header : headers) { // a header that names a key of an open object: attributes.advisor
            String key = header.strip();
            if (!mapping.containsKey(key) && !mapping.containsValue(header) && type.path(key).isPresent()) {
                mapping.put(key, header);
            }
        }
        return mapping;
    }

    /** The first header, in the order of the names (the field's own name first), not taken by another field. */
    private static java.util.Optional<String> first(List<String> headers, List<String> normalised, List<String> names,
                                                    java.util.Collection<String> taken) {
        for (String name : names) {
            for (int i = 0; i < headers.size(); i++) {
                if (normalised.get(i).equals(name) && !headers.get(i).isBlank() && !taken.contains(headers.get(i))) {
                    return java.util.Optional.of(headers.get(i));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** What is wrong with a mapping for these headers, each error naming {@code mapping.FIELD}; empty when it can run. */
    public static List<FieldError> check(ImportType type, Map<String, String> mapping, List<String> headers) {
        List<FieldError> errors = new ArrayList<>();
        mapping.forEach((field, source) -> {
            String path = "mapping." + field;
            if (type.path(field).isEmpty()) {
                errors.add(new FieldError(path, "unknown field; " + type.wireName() + " has " + type.describe()));
            } else if (source == null || source.isBlank()) {
                errors.add(new FieldError(path, "must name a column, or a value after ="));
            } else if (!source.startsWith("=") && column(headers, source) < 0) {
                errors.add(new FieldError(path, "no column '" + source + "' in the file; its columns are "
                        + String.join(", ", headers)));
            }
        });
        for (ImportType.Field field : type.fields()) {
            if (field.required() && !mapping.containsKey(field.name())) {
                errors.add(new FieldError("mapping." + field.name(), "is required: name the column that holds it"));
            }
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field));
        return errors;
    }

    /** The columns no field is mapped to. */
    public static List<String> unmapped(Map<String, String> mapping, List<String> headers) {
        List<String> unmapped = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            boolean used = mapping.values().stream().anyMatch(source -> !source.startsWith("=")
                    && column(headers, source) == headers.indexOf(header));
            if (!header.isBlank() && !used) {
                unmapped.add(header);
            }
        }
        return unmapped;
    }

    /** A checked mapping ({@link #check} found nothing) ready to read rows; times without an offset are in {@code zone}. */
    public static ColumnMapping of(ImportType type, Map<String, String> mapping, List<String> headers, ZoneId zone) {
        List<Target> targets = new ArrayList<>();
        int externalIdColumn = -1;
        for (Map.Entry<String, String> entry : mapping.entrySet()) {
            String field = entry.getKey();
            String source = entry.getValue();
            boolean constant = source.startsWith("=");
            int column = constant ? -1 : column(headers, source);
            if (field.equals("externalId") && !constant) {
                externalIdColumn = column;
                continue;
            }
            boolean time = type.field(field).map(ImportType.Field::time).orElse(false);
            targets.add(new Target(type.path(field).orElseThrow(), time, type.scalar(field), column,
                    constant ? source.substring(1).strip() : null));
        }
        Target constantId = targets.stream().filter(t -> t.path().equals(List.of("externalId"))).findFirst().orElse(null);
        if (constantId != null) {
            throw new IllegalArgumentException("externalId must come from a column: a value for every row would make one record");
        }
        return new ColumnMapping(type, zone, List.copyOf(targets), externalIdColumn);
    }

    /** The column with this header, exactly or else ignoring case and surrounding spaces; -1 when none has it. */
    static int column(List<String> headers, String header) {
        int exact = headers.indexOf(header);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).strip().equalsIgnoreCase(header.strip())) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a row has nothing in it (spreadsheets end with such rows; they are skipped, not counted). */
    public static boolean blank(List<String> cells) {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The row as the JSON record the API takes: blank cells leave their field out (and an object all of whose fields are
     * blank), times become ISO-8601 with an offset (a time this cannot read is passed on as written, for validation to
     * name it), attributes become numbers or booleans when they read as such.
     *
     * @param fileKey names the file for externalIds of rows without one: the same file gives the same ids
     */
    public ObjectNode record(int rowNumber, List<String> cells, String fileKey) {
        ObjectNode record = NODES.objectNode();
        if (externalIds) {
            String externalId = externalIdColumn >= 0 && externalIdColumn < cells.size() ? cells.get(externalIdColumn) : "";
            record.put("externalId", externalId.isBlank() ? "import-" + fileKey + "-row-" + rowNumber : externalId);
        }
        for (Target target : targets) {
            String value = target.constant() != null ? target.constant()
                    : target.column() < cells.size() ? cells.get(target.column()) : "";
            if (value.isBlank()) {
                continue;
            }
            ObjectNode parent = record;
            for (String name : target.path().subList(0, target.path().size() - 1)) {
                parent = parent.get(name) instanceof ObjectNode object ? object : parent.putObject(name);
            }
            String name = target.path().get(target.path().size() - 1);
            if (target.scalar()) {
                putScalar(parent, name, value);
            } else if (target.time()) {
                String iso = SheetTimes.iso(value, zone);
                parent.put(name, iso != null ? iso : value);
            } else {
                parent.put(name, value);
            }
        }
        return record;
    }

    /** true/false (是/否 too) as a boolean, a number as a number, anything else as text. */
    static void putScalar(ObjectNode node, String name, String value) {
        String v = value.strip();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "是", "yes" -> node.put(name, true);
            case "false", "否", "no" -> node.put(name, false);
            default -> {
                try {
                    BigDecimal number = new BigDecimal(v);
                    BigDecimal whole = number.stripTrailingZeros();
                    if (whole.scale() <= 0 && whole.precision() - whole.scale() < 19) {
                        node.put(name, whole.longValueExact());
                    } else {
                        node.put(name, number);
                    }
                } catch (NumberFormatException e) {
                    node.put(name, v);
                }
            }
        }
    }

    public ImportType type() {
        return type;
    }
}
