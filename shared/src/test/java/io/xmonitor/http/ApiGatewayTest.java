package io.xmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.xmonitor.json.Json;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.CapturedOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayTest {

    @Test
    void everyAnswerIsNosniffAndUncachedUnlessItsRouteSaysHowToCacheIt() {
        qt().withExamples(300).forAll(integers().between(100, 599), booleans().all(), strings().basicLatinAlphabet().ofLengthBetween(1, 40))
                .checkAssert((status, routeCaches, cacheControl) -> {
                    Map<String, String> headers = new LinkedHashMap<>(Map.of("content-type", "application/json"));
                    if (routeCaches) {
                        headers.put("cache-control", cacheControl);
                    }
                    var answer = ApiGateway.response(new HttpResponse(status, headers, "{}"));
                    assertThat(answer.getStatusCode()).isEqualTo(status);
                    assertThat(answer.getHeaders()).containsEntry("x-content-type-options", "nosniff")
                            .containsEntry("content-type", "application/json")
                            .containsEntry("cache-control", routeCaches ? cacheControl : "no-store");
                });
    }

    @Test
    void anUnexpectedFailureIsAJson500NamingTheRequestAndIsLogged() throws Exception {
        APIGatewayV2HTTPResponse response;
        String logs;
        try (CapturedOutput output = new CapturedOutput()) {
            response = ApiGateway.serve(ApiEvents.get("/v1/feed", Map.of()), request -> {
                throw new ArithmeticException("long overflow");
            });
            logs = output.text();
        }
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json")
                .containsEntry("x-content-type-options", "nosniff").containsEntry("cache-control", "no-store");
        var body = Json.mapper().readTree(response.getBody());
        assertThat(body.path("request_id").asText()).isEqualTo("test-request");
        assertThat(body.path("error").asText()).contains("test-request").doesNotContain("overflow");
        assertThat(logs).contains("\"event\":\"unexpected_error\"").contains("\"request_id\":\"test-request\"")
                .contains("java.lang.ArithmeticException");
    }
}
