package io.xmonitor.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.ConfigException;
import io.xmonitor.config.Environment;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.testing.TestEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * When the stage guards reads with its JWT authorizer, the read API refuses those routes itself
 * when a request carries no verified claims: a route that lost its authorizer in the template
 * fails closed. The other routes, and every route of a stage with open reads, are untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiBackstopTest {

    private static final String SECRET = "backstop-secret";
    /** What template.yaml names for a stage whose reads need a JWT. */
    private static final Set<String> GUARDED = Set.of("GET /v1/feed", "GET /v1/feed/latest", "GET /v1/posts/{statusId}",
            "GET /v1/window-summaries/latest", "GET /v1/watch-accounts");
    private static final Map<String, String> CLAIMS = Map.of("sub", "reader", "iss", "https://issuer.example.com", "client_id", "dashboard");

    private final TestEnvironment env = TestEnvironment.get();
    private Map<String, String> variables;
    private ReadApiHandler guarded;
    private ReadApiHandler open;
    private List<String> routes;

    @BeforeAll
    void start() {
        variables = new HashMap<>(env.variables(env.freshDatabase(), null, SECRET));
        open = new ReadApiHandler(new Environment(variables));
        variables.put(AppConfig.JWT_ROUTES, String.join(",", GUARDED));
        guarded = new ReadApiHandler(new Environment(variables));
        routes = List.of("/v1/health", "/v1/feed", "/v1/feed/latest", "/v1/posts/{statusId}", "/v1/window-summaries/latest",
                "/v1/watch-accounts", "/v1/ops/reconcile-counts", "/v1/ingest/batches/{batchId}");
    }

    @Test
    void aGuardedRouteWithoutVerifiedClaimsIsRefusedAndEverythingElseIsAnsweredAsBefore() {
        qt().withExamples(120).forAll(integers().between(0, routes.size() - 1), booleans().all(), booleans().all())
                .checkAssert((index, withClaims, stageGuards) -> {
                    String template = routes.get(index);
                    String path = template.replace("{statusId}", "123").replace("{batchId}", UUID.randomUUID().toString());
                    APIGatewayV2HTTPEvent event = ApiEvents.request("GET", path, Map.of("x-api-key", SECRET), Map.of(), null, false);
                    if (withClaims) {
                        event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(CLAIMS).withScopes(List.of()).build()).build());
                    }
                    APIGatewayV2HTTPResponse answer = (stageGuards ? guarded : open).handleRequest(event, null);
                    boolean refused = stageGuards && GUARDED.contains("GET " + template) && !withClaims;
                    if (refused) {
                        assertThat(answer.getStatusCode()).as(path).isEqualTo(401);
                        assertThat(answer.getBody()).contains("\"error\":\"sign-in required");
                    } else {
                        assertThat(answer.getStatusCode()).as(path + " " + answer.getBody()).isIn(200, 404);
                    }
                });
    }

    @Test
    void aRefusalIsLoggedForTheOperator() {
        String logged;
        try (CapturedOutput output = new CapturedOutput()) {
            assertThat(guarded.handleRequest(ApiEvents.get("/v1/feed", Map.of()), null).getStatusCode()).isEqualTo(401);
            logged = output.text();
        }
        assertThat(logged).contains("\"event\":\"unverified_read_refused\"").contains("\"route\":\"GET /v1/feed\"");
    }

    @Test
    void aRouteNameTheReadApiDoesNotKnowStopsItFromStarting() {
        Map<String, String> misspelt = new HashMap<>(variables);
        misspelt.put(AppConfig.JWT_ROUTES, "GET /v1/feed,GET /v1/posts/{id}");
        assertThatThrownBy(() -> new ReadApiHandler(new Environment(misspelt)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GET /v1/posts/{id}");
    }
}
