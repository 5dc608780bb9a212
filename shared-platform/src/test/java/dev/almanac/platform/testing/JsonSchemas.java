package dev.almanac.platform.testing;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Validates JSON against the schemas shipped in shared-events, with {@code format}
 * (date-time and friends) asserted rather than merely annotated.
 */
public final class JsonSchemas {

    /** The HTTP schemas that responses follow (F033-SCHEMAS, draft-07), for example {@code ScheduleWindow}. */
    public static final String F033 = "classpath:almanac/http/f033-schemas.json";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private JsonSchemas() {
    }

    /** Errors of {@code json} against the schema at {@code location}, for example {@code classpath:x.json#/definitions/Y}. */
    public static List<String> errors(String location, String json) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(location));
        List<Error> errors = schema.validate(json, InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(Error::toString).toList();
    }

    /** Errors of {@code json} against one definition of the F033 schemas, for example {@code ScheduleWindow}. */
    public static List<String> f033Errors(String definition, String json) {
        return errors(F033 + "#/definitions/" + definition, json);
    }

    /** The former name of {@link #f033Errors}, still called by query-service's tests. */
    @Deprecated(forRemoval = true)
    public static List<String> seed000Errors(String definition, String json) {
        return f033Errors(definition, json);
    }
}
