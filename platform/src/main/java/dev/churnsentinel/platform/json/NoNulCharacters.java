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
 * No string read from JSON may hold U+0000: PostgreSQL's text and jsonb cannot store it, so such a value was accepted by
 * validation and then failed the statement (a 500). Refused where it is read instead, as a field error ({@code
 * text}, {@code items[3].attributes.note}) like any other. Also applies inside free-form objects (event attributes).
 */
@Singleton
public class NoNulCharacters implements ObjectMapperCustomizer {
    /** What the field error says. */
    public static final String MESSAGE = "must not contain the character U+0000 (NUL)";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("no-nul-characters").addDeserializer(String.class, new Strings()));
    }

    /**
     * A string value that holds U+0000. A mismatched input to Jackson, as a wrong type is: RESTEasy Reactive passes those
     * on to the problem mappers with their field path, where another kind of mapping failure becomes a bare 400.
     */
    public static final class NulCharacterException extends MismatchedInputException {
        NulCharacterException(JsonParser parser) {
            super(parser, MESSAGE, String.class);
        }
    }

    /** Jackson's own string reading (its coercions and errors kept), then the check. */
    static final class Strings extends StdScalarDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw new NulCharacterException(parser);
            }
            return value;
        }
    }
}
