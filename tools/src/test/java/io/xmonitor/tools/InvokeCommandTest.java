package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.tools.local.LocalStack;
import io.xmonitor.tools.local.StackState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** `xmonitor invoke` beside a running `xmonitor local` uses that stack, as the README shows it; --env-vars still wins. */
class InvokeCommandTest {

    /** The key the sample events in events/api carry. */
    private static final String EVENTS_KEY = "local-dev-key";

    private record Invocation(int exitCode, String note, JsonNode response) {
    }

    private static Invocation invoke(String functionId, String event, String... more) throws Exception {
        String[] args = new String[4 + more.length];
        args[0] = "invoke";
        args[1] = functionId;
        args[2] = "-e";
        args[3] = Repository.file(event).toString();
        System.arraycopy(more, 0, args, 4, more.length);
        try (CapturedOutput output = new CapturedOutput()) {
            int code = XmonitorCli.run(args);
            String text = output.text();
            // The function's own JSON log lines come first; the answer is the last line.
            String json = text.lines().filter(line -> line.startsWith("{")).reduce((first, last) -> last)
                    .orElseThrow(() -> new AssertionError(text));
            String note = text.lines().filter(line -> !line.startsWith("{")).findFirst().orElse("");
            return new Invocation(code, note, Json.mapper().readTree(json));
        }
    }

    private static JsonNode body(Invocation invocation) throws Exception {
        return Json.mapper().readTree(invocation.response().path("body").asText());
    }

    @Test
    void besideARunningLocalStackInvokeUsesItsDatabaseAndQueueUnlessEnvVarsAreGiven() throws Exception {
        LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null, null, null, EVENTS_KEY, 1, null, Optional.empty()));
        try {
            StackState state = stack.state();
            Invocation health = invoke("ReadApiFunction", "events/api/health.json");
            assertThat(health.exitCode()).isZero();
            assertThat(health.note()).isEqualTo("using the local stack at " + state.apiUrl() + " (" + StackState.file() + ")");
            assertThat(body(health).path("database").asText()).as(health.response().toString()).isEqualTo("ok");

            // An accepted batch goes to the stack's queue, and the stack's consumers apply it.
            Invocation ingest = invoke("IngestAcceptFunction", "events/api/ingest-posts.json");
            assertThat(ingest.response().path("statusCode").asInt()).as(ingest.response().toString()).isEqualTo(202);
            JsonNode sent = Json.mapper().readTree(Json.mapper().readTree(Repository.read("events/api/ingest-posts.json")).path("body").asText());
            String statusId = sent.path("items").get(0).path("status_id").asText();
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + 10_000_000_000L;
            int status;
            do {
                status = http.send(HttpRequest.newBuilder(URI.create(state.apiUrl() + "/v1/posts/" + statusId)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } while (status != 200 && System.nanoTime() < deadline && sleep());
            assertThat(status).as("the invoked batch applied by the stack").isEqualTo(200);

            // The sam-local-invoke file still decides when it is given: its database is a Docker host.
            Invocation samLocal = invoke("ReadApiFunction", "events/api/health.json", "--env-vars", Repository.file("events/env.json").toString());
            assertThat(samLocal.note()).isEmpty();
            assertThat(body(samLocal).path("database").asText()).isEqualTo("error");
        } finally {
            stack.close();
        }
        Invocation alone = invoke("ReadApiFunction", "events/api/health.json");
        assertThat(alone.note()).startsWith("no local stack is running and no --env-vars was given");
        assertThat(body(alone).path("database").asText()).isEqualTo("not_configured");
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
