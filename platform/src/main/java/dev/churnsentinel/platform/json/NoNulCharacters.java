package dev.churnsentinel.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * No string read from JSON may hold U+0000 or a lone UTF-16 surrogate: PostgreSQL's text and jsonb cannot store U+0000
 * (such a value was accepted by validation and then failed the statement, a 500), and a lone surrogate (U+D800 to
 * U+DFFF unpaired, which JSON's escapes can write) is no character at all, which protobuf and UTF-8 would silently
 * replace. Refused where it is read instead, as a field error ({@code text}, {@code items[3].attributes.note}) like any
 * other. Also applies inside free-form objects (event attributes).
 */
@Singleton
public class NoNulCharacters implements ObjectMapperCustomizer {
    /** What the field error says of U+0000. */
    public static final String MESSAGE = "must not contain the character U+0000 (NUL)";
    /** What the field error says of a lone surrogate. */
    public static final String SURROGATE_MESSAGE = "must be valid Unicode: it holds a lone UTF-16 surrogate (\\uD800-\\uDFFF "
            + "not paired), which is no character";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("no-nul-characters").addDeserializer(String.class, new Strings()));
    }

    /**
     * A string value that cannot be stored: U+0000 or a lone surrogate. A mismatched input to Jackson, as a wrong type
     * is: RESTEasy Reactive passes those on to the problem mappers with their field path, where another kind of
     * mapping failure becomes a bare 400.
     */
    public static final class NulCharacterException extends MismatchedInputException {
        NulCharacterException(JsonParser parser, String message) {
            super(parser, message, String.class);
        }
    }

    /** Why the value cannot be stored, or null when it can. */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return MESSAGE;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return SURROGATE_MESSAGE;
            }
        }
        return null;
    }

    /** Jackson's own string reading (its coercions and errors kept), then the check. */
    static final class Strings extends StdScalarDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            String problem = value == null ? null : problem(value);
            if (problem != null) {
                throw new NulCharacterException(parser, problem);
            }
            return value;
        }
    }
}
