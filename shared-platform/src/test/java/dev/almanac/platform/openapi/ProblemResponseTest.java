package dev.almanac.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ProblemDetail;

/**
 * springdoc finds an operation's answers as Spring's merged annotations: every {@code @ApiResponses}
 * and every (repeatable) {@code @ApiResponse}, on the method and meta-present. {@link ProblemResponse}
 * must read there as the {@code @ApiResponse} it stands for, used once, repeated, or grouped in a
 * meta-annotation of the caller's.
 */
class ProblemResponseTest {

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ProblemResponse(responseCode = "404", description = "No such thing")
    @ProblemResponse(responseCode = "409", description = "Its state does not allow it")
    @interface TransitionProblems {
    }

    static class Endpoints {

        @ProblemResponse(responseCode = "404", description = "No such thing")
        void once() {
        }

        @ProblemResponse(responseCode = "404", description = "No such thing")
        @ProblemResponse(responseCode = "409", description = "Its state does not allow it")
        void repeated() {
        }

        @TransitionProblems
        @ApiResponse(responseCode = "200", description = "Done")
        void grouped() {
        }
    }

    @Test
    void readsAsAnApiResponseWithAProblemDocumentBody() throws Exception {
        assertThat(answers("once")).containsExactly("404 No such thing application/problem+json " + ProblemDetail.class.getName());
    }

    @Test
    void repeatedEachReadsAsItsOwnApiResponse() throws Exception {
        assertThat(answers("repeated")).containsExactly(
                "404 No such thing application/problem+json " + ProblemDetail.class.getName(),
                "409 Its state does not allow it application/problem+json " + ProblemDetail.class.getName());
    }

    @Test
    void groupedInAMetaAnnotationTheyJoinTheOperationsOwnAnswers() throws Exception {
        assertThat(answers("grouped")).containsExactly(
                "200 Done",
                "404 No such thing application/problem+json " + ProblemDetail.class.getName(),
                "409 Its state does not allow it application/problem+json " + ProblemDetail.class.getName());
    }

    /** The answers springdoc 3 collects for an operation (GenericResponseService.getApiResponses), each as status, description and body. */
    private static List<String> answers(String operation) throws Exception {
        Method method = Endpoints.class.getDeclaredMethod(operation);
        return Stream.concat(
                        AnnotatedElementUtils.findAllMergedAnnotations(method, ApiResponses.class).stream()
                                .flatMap(responses -> Stream.of(responses.value())),
                        AnnotatedElementUtils.findMergedRepeatableAnnotations(method, ApiResponse.class).stream())
                .distinct()
                .map(ProblemResponseTest::described)
                .sorted()
                .toList();
    }

    private static String described(ApiResponse response) {
        return response.responseCode() + " " + response.description() + Stream.of(response.content())
                .map(content -> " " + content.mediaType() + " " + content.schema().implementation().getName())
                .reduce("", String::concat);
    }
}
