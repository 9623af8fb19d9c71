package dev.churnsentinel.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.List;

/** An RFC 9457 problem document; {@code errors} lists the fields of a failed validation. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: its path in the request ({@code items[3].nps}) and why it was refused. */
    public record FieldError(String field, String message) {

        /** A bean-validation failure as the API names it: {@code items[3].nps}, without method and parameter names. */
        public static FieldError of(ConstraintViolation<?> violation) {
            StringBuilder path = new StringBuilder();
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                        || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                    continue;
                }
                if (node.getIndex() != null && node.isInIterable()) {
                    path.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null && node.isInIterable()) {
                    path.append('[').append(node.getKey()).append(']');
                }
                if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(node.getName());
                }
            }
            return new FieldError(path.isEmpty() ? "body" : path.toString(), violation.getMessage());
        }
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }
}
