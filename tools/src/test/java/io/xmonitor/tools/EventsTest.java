package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.json.Json;
import io.xmonitor.testing.TestEnvironment;
import io.xmonitor.tools.invoke.FunctionInvoker;
import io.xmonitor.tools.template.SamTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;

/** Every file of events/ invoked on the function it is for, as `xmonitor invoke` does it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsTest {

    private static final String KEY = "local-dev-key";
    private static final String BUCKET = "xmonitor-local-payloads";

    private final SamTemplate template = SamTemplate.parse(Repository.read("template.yaml"));
    private final TestEnvironment env = TestEnvironment.get();
    private Map<String, String> variables;

    @BeforeAll
    void environment() {
        var queues = env.freshQueues();
        if (env.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            env.s3().createBucket(b -> b.bucket(BUCKET));
        }
        env.s3().putObject(b -> b.bucket(BUCKET).key("payloads/sample-batch.json"),
                RequestBody.fromString(Repository.read("events/payloads/sample-batch.json")));
        variables = new HashMap<>(env.variables(env.freshDatabase(), queues, KEY));
        variables.put(AppConfig.PAYLOAD_BUCKET, BUCKET);
    }

    @TestFactory
    Stream<DynamicTest> everyEventGetsTheAnswerItsManifestPromises() throws Exception {
        JsonNode manifest = Json.mapper().readTree(Repository.read("events/manifest.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : manifest) {
            String file = entry.path("file").asText();
            String function = entry.path("function").asText();
            tests.add(DynamicTest.dynamicTest(file + " -> " + function, () -> {
                Map<String, String> vars = new HashMap<>(variables);
                if (function.equals("DbMigrateFunction")) {
                    vars.putAll(env.variables(env.emptyDatabase(), null, null));
                }
                String output = new FunctionInvoker(template, function, new Environment(vars))
                        .invoke(Repository.read("events/" + file));
                JsonNode response = Json.mapper().readTree(output);
                switch (function) {
                    case "IngestAcceptFunction", "ReadApiFunction" -> {
                        assertThat(response.path("statusCode").asInt()).as(output).isEqualTo(entry.path("status").asInt());
                        JsonNode body = Json.mapper().readTree(response.path("body").asText());
                        if (response.path("statusCode").asInt() >= 400) {
                            assertThat(body.path("error").isTextual()).as(output).isTrue();
                        }
                        if (response.path("statusCode").asInt() == 202) {
                            assertThat(body.path("batch_id").asText()).hasSize(36);
                            assertThat(body.path("errors").isArray()).isTrue();
                        }
                    }
                    case "IngestConsumerFunction" -> assertThat(response.path("batchItemFailures"))
                            .as(output).hasSize(entry.path("failed_messages").asInt());
                    case "DbMigrateFunction" -> assertThat(response.path("applied")).as(output).isNotEmpty();
                    default -> throw new AssertionError("no expectation for " + function);
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }
}
