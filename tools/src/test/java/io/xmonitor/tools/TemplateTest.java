package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.xmonitor.config.AppConfig;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.tools.template.CloudFormationYaml;
import io.xmonitor.tools.template.SamTemplate;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private final SamTemplate template = SamTemplate.parse(Repository.read("template.yaml"));

    /** AWS's published SAM schema, kept in the spec folder beside the repository. */
    private static JsonSchema samSchema() throws Exception {
        Path schemaFile = Repository.file("../shared/reference/sam.schema.json");
        assumeTrue(Files.exists(schemaFile), "AWS's SAM schema is expected at " + schemaFile);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(Files.newInputStream(schemaFile));
    }

    @Test
    void validatesAgainstAwsPublishedSamSchema() throws Exception {
        Set<ValidationMessage> problems = samSchema().validate(template.json());
        assertThat(problems).isEmpty();
    }

    @Test
    void theSchemaCheckCatchesABrokenTemplate() throws Exception {
        JsonSchema schema = samSchema();
        String misspelt = Repository.read("template.yaml").replace("      Handler: io.xmonitor.accept", "      Handlr: io.xmonitor.accept");
        assertThat(schema.validate(CloudFormationYaml.read(misspelt)))
                .anySatisfy(problem -> assertThat(problem.getMessage()).contains("'Handlr' is not defined"));
    }

    @Test
    void shortFormIntrinsicsBecomeTheirLongForm() {
        JsonNode properties = template.resource("IngestConsumerFunction").path("Properties");
        assertThat(properties.path("Events").path("IngestQueue").path("Properties").path("Queue").toString())
                .isEqualTo("{\"Fn::GetAtt\":[\"IngestQueue\",\"Arn\"]}");
        assertThat(properties.path("VpcConfig").path("SubnetIds").toString()).isEqualTo("{\"Ref\":\"VpcSubnetIds\"}");
        assertThat(template.json().path("Outputs").path("ApiUrl").path("Value").has("Fn::Sub")).isTrue();
    }

    @Test
    void everyHandlerExistsAndImplementsTheInterfaceOfItsEvents() throws Exception {
        assertThat(template.functionIds()).containsExactlyInAnyOrder(
                "IngestAcceptFunction", "IngestConsumerFunction", "ReadApiFunction", "DbMigrateFunction");
        for (String id : template.functionIds()) {
            JsonNode properties = template.resource(id).path("Properties");
            assertThat(properties.path("Handler").asText()).as(id).endsWith("::handleRequest");
            Class<?> handler = Class.forName(template.handlerClass(id));
            Set<String> eventTypes = new HashSet<>();
            properties.path("Events").elements().forEachRemaining(e -> eventTypes.add(e.path("Type").asText()));
            if (eventTypes.isEmpty()) {
                assertThat(RequestStreamHandler.class.isAssignableFrom(handler)).as(id).isTrue();
                continue;
            }
            assertThat(eventTypes).as(id).hasSize(1);
            Class<?> expectedInput = eventTypes.contains("HttpApi") ? APIGatewayV2HTTPEvent.class : SQSEvent.class;
            assertThat(RequestHandler.class.isAssignableFrom(handler)).as(id).isTrue();
            Class<?> input = null;
            for (var type : handler.getGenericInterfaces()) {
                if (type instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    input = (Class<?>) p.getActualTypeArguments()[0];
                }
            }
            assertThat(input).as(id).isEqualTo(expectedInput);
            assertThat(handler.getConstructor()).as(id + " needs the no-argument constructor Lambda uses").isNotNull();
            String codeUri = properties.path("CodeUri").asText();
            assertThat(codeUri).as(id).matches("functions/[a-z-]+/target/xmonitor-[a-z-]+\\.jar");
            assertThat(Repository.file(codeUri.substring(0, codeUri.indexOf("/target/")) + "/pom.xml")).exists();
        }
    }

    @Test
    void environmentVariablesSetAreExactlyTheOnesTheCodeReads() {
        Set<String> set = new TreeSet<>();
        template.json().path("Globals").path("Function").path("Environment").path("Variables").fieldNames().forEachRemaining(set::add);
        for (String id : template.functionIds()) {
            template.resource(id).path("Properties").path("Environment").path("Variables").fieldNames().forEachRemaining(set::add);
        }
        assertThat(set).containsExactlyInAnyOrderElementsOf(AppConfig.DEPLOYED_VARIABLES);
        assertThat(set).doesNotContainAnyElementsOf(AppConfig.LOCAL_VARIABLES);
    }

    @Test
    void httpRoutesAreExactlyTheOpenApiPathsAndTheCodesRoutes() {
        Set<String> templateRoutes = new TreeSet<>();
        template.routes().forEach(r -> templateRoutes.add(r.routeKey()));

        JsonNode spec = CloudFormationYaml.read(Repository.read("docs/openapi.v1.yaml"));
        Set<String> specRoutes = new TreeSet<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> specRoutes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

        Set<String> codeRoutes = new TreeSet<>();
        for (IngestKind kind : IngestKind.values()) {
            codeRoutes.add("POST " + kind.route());
        }
        codeRoutes.addAll(ReadRoutes.list());

        assertThat(templateRoutes).isEqualTo(specRoutes);
        assertThat(codeRoutes).isEqualTo(specRoutes);
    }

    @Test
    void readRoutesAreBehindTheJwtAuthorizerExceptHealthAndIngestKeyRoutes() {
        List<String> open = new ArrayList<>();
        template.resource("ReadApiFunction").path("Properties").path("Events").elements().forEachRemaining(e -> {
            if (e.path("Properties").path("Auth").path("Authorizer").asText().equals("NONE")) {
                open.add(e.path("Properties").path("Path").asText());
            }
        });
        assertThat(open).containsExactlyInAnyOrder("/v1/health", "/v1/ops/reconcile-counts", "/v1/ingest/batches/{batchId}");
        JsonNode jwt = template.resource("HttpApi").path("Properties").path("Auth").path("Authorizers").path("DashboardJwt");
        assertThat(jwt.path("JwtConfiguration").path("issuer").toString()).isEqualTo("{\"Ref\":\"JwtIssuer\"}");
        assertThat(jwt.path("JwtConfiguration").path("audience").toString()).isEqualTo("{\"Ref\":\"JwtAudience\"}");
    }

    @Test
    void queueTimingAndRedriveFollowTheRules() {
        JsonNode queue = template.resource("IngestQueue").path("Properties");
        JsonNode dlq = template.resource("IngestDeadLetterQueue").path("Properties");
        int consumerTimeout = template.resource("IngestConsumerFunction").path("Properties").path("Timeout").asInt();
        assertThat(queue.path("VisibilityTimeout").asInt()).isGreaterThanOrEqualTo(6 * consumerTimeout);
        assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").toString())
                .isEqualTo("{\"Fn::GetAtt\":[\"IngestDeadLetterQueue\",\"Arn\"]}");
        assertThat(dlq.path("MessageRetentionPeriod").asInt()).isEqualTo(14 * 24 * 3600)
                .isGreaterThan(queue.path("MessageRetentionPeriod").asInt());

        JsonNode mapping = template.resource("IngestConsumerFunction").path("Properties").path("Events").path("IngestQueue").path("Properties");
        assertThat(mapping.path("FunctionResponseTypes").toString()).isEqualTo("[\"ReportBatchItemFailures\"]");
        assertThat(mapping.path("ScalingConfig").path("MaximumConcurrency").toString()).isEqualTo("{\"Ref\":\"ConsumerMaxConcurrency\"}");
        assertThat(mapping.path("BatchSize").toString()).isEqualTo("{\"Ref\":\"ConsumerBatchSize\"}");

        int payloadDays = template.literal(template.resource("PayloadBucket").path("Properties").path("LifecycleConfiguration")
                .path("Rules").get(0).path("ExpirationInDays")).asInt();
        assertThat(payloadDays * 24 * 3600).as("payloads outlive DLQ messages").isGreaterThan(dlq.path("MessageRetentionPeriod").asInt());
    }

    @Test
    void ingestAcceptStaysOutOfTheVpcAndTheOthersAreInIt() {
        assertThat(template.resource("IngestAcceptFunction").path("Properties").has("VpcConfig")).isFalse();
        for (String id : List.of("IngestConsumerFunction", "ReadApiFunction", "DbMigrateFunction")) {
            assertThat(template.resource(id).path("Properties").path("VpcConfig").has("SubnetIds")).as(id).isTrue();
        }
    }

    @Test
    void eachFunctionMayReadOnlyTheSecretsAndPayloadsItNeeds() {
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (String id : template.functionIds()) {
            Set<String> readable = new TreeSet<>();
            template.resource(id).path("Properties").path("Policies").elements().forEachRemaining(policy ->
                    readable.add(policy.path("AWSSecretsManagerGetSecretValuePolicy").path("SecretArn").path("Ref").asText()));
            readable.remove("");
            secrets.put(id, readable);
        }
        assertThat(secrets).containsEntry("IngestAcceptFunction", Set.of("IngestSecretArn"))
                .containsEntry("IngestConsumerFunction", Set.of("DatabaseSecretArn"))
                .containsEntry("ReadApiFunction", Set.of("DatabaseSecretArn", "IngestSecretArn"))
                .containsEntry("DbMigrateFunction", Set.of("DatabaseSecretArn"));
        JsonNode acceptVariables = template.resource("IngestAcceptFunction").path("Properties").path("Environment").path("Variables");
        assertThat(acceptVariables.has(AppConfig.DATABASE_SECRET_ARN)).isFalse();

        String acceptPolicies = template.resource("IngestAcceptFunction").path("Properties").path("Policies").toString();
        assertThat(acceptPolicies).contains("s3:PutObject").contains("${PayloadBucket.Arn}/payloads/*")
                .doesNotContain("${PayloadBucket.Arn}/*\"");
        String consumerPolicies = template.resource("IngestConsumerFunction").path("Properties").path("Policies").toString();
        assertThat(consumerPolicies).contains("${PayloadBucket.Arn}/payloads/*").contains("${PayloadBucket.Arn}/failures/*")
                .doesNotContain("S3ReadPolicy");
    }

    @Test
    void theReadSideIsCappedSoItCannotTakeTheWritersConnections() {
        JsonNode read = template.resource("ReadApiFunction").path("Properties");
        assertThat(read.path("ReservedConcurrentExecutions").toString()).isEqualTo("{\"Ref\":\"ReadApiReservedConcurrency\"}");
        JsonNode api = template.resource("HttpApi").path("Properties");
        assertThat(api.path("DefaultRouteSettings").path("ThrottlingRateLimit").toString()).isEqualTo("{\"Ref\":\"ApiThrottlingRateLimit\"}");
        assertThat(api.path("DefaultRouteSettings").path("ThrottlingBurstLimit").toString()).isEqualTo("{\"Ref\":\"ApiThrottlingBurstLimit\"}");
        assertThat(api.path("RouteSettings").path("GET /v1/health").path("ThrottlingRateLimit").toString())
                .isEqualTo("{\"Ref\":\"HealthThrottlingRateLimit\"}");
        int consumers = template.literal(template.resource("IngestConsumerFunction").path("Properties").path("Events")
                .path("IngestQueue").path("Properties").path("ScalingConfig").path("MaximumConcurrency")).asInt();
        int readers = template.literal(read.path("ReservedConcurrentExecutions")).asInt();
        assertThat(consumers + readers).as("connections at the defaults, one per instance, leave room on a small instance")
                .isLessThanOrEqualTo(40);
    }
}
