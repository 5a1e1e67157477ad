package io.xmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.xmonitor.json.Json;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.CapturedOutput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayTest {

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
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        var body = Json.mapper().readTree(response.getBody());
        assertThat(body.path("request_id").asText()).isEqualTo("test-request");
        assertThat(body.path("error").asText()).contains("test-request").doesNotContain("overflow");
        assertThat(logs).contains("\"event\":\"unexpected_error\"").contains("\"request_id\":\"test-request\"")
                .contains("java.lang.ArithmeticException");
    }
}
