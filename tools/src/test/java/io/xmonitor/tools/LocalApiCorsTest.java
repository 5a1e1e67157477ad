package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.xmonitor.tools.local.ApiServer;
import io.xmonitor.tools.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CORS has one place, the HTTP API's configuration in template.yaml: the local API answers it from
 * there as API Gateway does, preflights without invoking a function, and no function sets it.
 */
class LocalApiCorsTest {

    private static final String DASHBOARD = "https://dashboard.example.com";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();
    private static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        SamTemplate template = SamTemplate.parse(Repository.read("template.yaml"));
        List<SamTemplate.Route> routes = template.routes(Map.of("ReadsNeedJwt", false));
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function = event -> {
            INVOCATIONS.incrementAndGet();
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withHeaders(Map.of("content-type", "application/json", "etag", "\"1\"")).withBody("{}").build();
        };
        server = new ApiServer(0, routes, Map.of("ReadApiFunction", function, "IngestAcceptFunction", function),
                Optional.empty(), Optional.empty(), template.cors(List.of(DASHBOARD)), Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredFromTheTemplateWithoutAFunction() throws Exception {
        int before = INVOCATIONS.get();
        HttpResponse<String> preflight = send("OPTIONS", "/v1/feed", Map.of("origin", DASHBOARD,
                "access-control-request-method", "GET", "access-control-request-headers", "authorization"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue(DASHBOARD);
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValue("GET,OPTIONS");
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValue("authorization,content-type,if-none-match");
        assertThat(preflight.headers().firstValue("access-control-max-age")).hasValue("600");
        assertThat(INVOCATIONS.get()).as("no function runs for a preflight").isEqualTo(before);
    }

    @Test
    void anAllowedOriginsAnswerCarriesTheOriginAndTheExposedHeadersAndAnotherOriginsDoesNot() throws Exception {
        HttpResponse<String> allowed = send("GET", "/v1/health", Map.of("origin", DASHBOARD));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("access-control-allow-origin")).hasValue(DASHBOARD);
        assertThat(allowed.headers().firstValue("access-control-expose-headers")).hasValue("etag");

        HttpResponse<String> other = send("GET", "/v1/health", Map.of("origin", "https://elsewhere.example.com"));
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        HttpResponse<String> otherPreflight = send("OPTIONS", "/v1/feed", Map.of("origin", "https://elsewhere.example.com",
                "access-control-request-method", "GET"));
        assertThat(otherPreflight.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));

        HttpResponse<String> sameOrigin = send("GET", "/v1/health", Map.of());
        assertThat(sameOrigin.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }
}
