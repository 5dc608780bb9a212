package dev.almanac.commands.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.almanac.events.Identifiers;

class CorrelationIdOpenApiTest {

    @Test
    void documentsTheHeaderOnCommandsAndNotOnReadsOrTheEmergencyControls() {
        OpenAPI document = new OpenAPI().paths(new Paths()
                .addPathItem("/api/v1/schedules/{id}/cancel", new PathItem().post(new Operation()))
                .addPathItem("/api/v1/schedules/{id}/links/{followerId}", new PathItem().delete(new Operation()))
                .addPathItem("/api/v1/schedules/rules/{id}", new PathItem().put(new Operation()).get(new Operation()))
                .addPathItem("/api/v1/admin/rules/pause-all", new PathItem().post(new Operation())));

        new CorrelationIdOpenApi().correlationIdHeader().customise(document);

        assertThat(correlation(document.getPaths().get("/api/v1/schedules/{id}/cancel").getPost())).isNotNull();
        assertThat(correlation(document.getPaths().get("/api/v1/schedules/{id}/links/{followerId}").getDelete())).isNotNull();
        assertThat(correlation(document.getPaths().get("/api/v1/schedules/rules/{id}").getPut())).isNotNull();
        assertThat(correlation(document.getPaths().get("/api/v1/schedules/rules/{id}").getGet())).isNull();
        assertThat(correlation(document.getPaths().get("/api/v1/admin/rules/pause-all").getPost())).isNull();
    }

    @Test
    void theDocumentedSchemaIsTheRuleTheRequestIsCheckedBy() {
        OpenAPI document = new OpenAPI().paths(new Paths()
                .addPathItem("/api/v1/calendars", new PathItem().post(new Operation())));
        new CorrelationIdOpenApi().correlationIdHeader().customise(document);

        Parameter header = correlation(document.getPaths().get("/api/v1/calendars").getPost());
        assertThat(header.getIn()).isEqualTo("header");
        assertThat(header.getRequired()).isFalse();
        assertThat(header.getSchema().getMinLength()).isEqualTo(1);
        assertThat(header.getSchema().getMaxLength()).isEqualTo(128);
        String pattern = header.getSchema().getPattern();
        for (String accepted : List.of("onboarding-42", "a", "0:b.c_d-e", "x".repeat(128))) {
            assertThat(accepted.matches(pattern)).as(accepted).isEqualTo(Identifiers.isValid(accepted)).isTrue();
        }
        for (String refused : List.of("", "not valid!", "-leading", "x".repeat(129), "é")) {
            assertThat(refused.matches(pattern)).as(refused).isEqualTo(Identifiers.isValid(refused)).isFalse();
        }
        assertThat(header.getDescription()).contains("400", "X-Correlation-Id", "format");
    }

    private static @Nullable Parameter correlation(Operation operation) {
        return operation.getParameters() == null ? null : operation.getParameters().stream()
                .filter(parameter -> parameter.getName().equals("X-Correlation-Id")).findFirst().orElse(null);
    }
}
