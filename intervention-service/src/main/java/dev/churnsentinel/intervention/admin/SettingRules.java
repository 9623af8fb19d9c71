package dev.churnsentinel.intervention.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnsentinel.platform.problem.JsonErrors;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A setting's fields held to the API's rules wherever they come from (a JSON body, a console form): read by the API's
 * JSON mapper, then checked against the constraints of its record, refused as the API refuses them (a 400 naming each
 * field, in the API's words).
 */
@ApplicationScoped
public class SettingRules {
    private final Validator validator;
    private final ObjectMapper json;

    SettingRules(Validator validator, ObjectMapper json) {
        this.validator = validator;
        this.json = json;
    }

    /**
     * Fields read as the API reads a body of that type (a console form's, say): a 400 naming the field that cannot be.
     * The setting's constraints are checked when it is put.
     */
    public <T> T read(JsonNode fields, Class<T> type) {
        try {
            return json.treeToValue(fields, type);
        } catch (JsonProcessingException e) {
            Problem.FieldError error = JsonErrors.describe(e);
            throw error == null ? ProblemException.invalid(List.of(new Problem.FieldError("body", "cannot be read")))
                    : ProblemException.invalid(List.of(error));
        }
    }

    /** The setting, when its record's constraints hold; else a 400 naming every field that breaks one. */
    <T> T validate(T setting) {
        Set<ConstraintViolation<T>> violations = validator.validate(setting);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.stream().map(Problem.FieldError::of)
                    .sorted(Comparator.comparing(Problem.FieldError::field)).toList());
        }
        return setting;
    }
}
