package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

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
import io.xmonitor.json.Json;
import io.xmonitor.log.MetricFigures;
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
    private static final Map<String, Boolean> JWT_ON = Map.of("ReadsNeedJwt", true);
    private static final Map<String, Boolean> JWT_OFF = Map.of("ReadsNeedJwt", false);

    /**
     * AWS's published SAM schema, kept in the spec folder beside the repository. CI (the CI
     * environment variable is true, as .ci/run and CI services set it) must have it; elsewhere the
     * tests that need it are skipped with the one line that says how to run them.
     */
    private static JsonSchema samSchema() throws Exception {
        Path schemaFile = Repository.file("../shared/reference/sam.schema.json").normalize();
        if (!Files.exists(schemaFile)) {
            String missing = "AWS's SAM schema is not at " + schemaFile;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing + "; CI needs it to check template.yaml");
            }
            abort(missing + "; to run this test, put sam.schema.json from github.com/aws/serverless-application-model "
                    + "(schema_source/sam.schema.json) there");
        }
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
        Set<String> behindTheApi = new HashSet<>();
        template.routes(JWT_ON).forEach(route -> behindTheApi.add(route.functionId()));
        assertThat(behindTheApi).containsExactlyInAnyOrder("IngestAcceptFunction", "ReadApiFunction");
        for (String id : template.functionIds()) {
            JsonNode properties = template.resource(id).path("Properties");
            assertThat(properties.path("Handler").asText()).as(id).endsWith("::handleRequest");
            Class<?> handler = Class.forName(template.handlerClass(id));
            Set<String> eventTypes = new HashSet<>();
            properties.path("Events").elements().forEachRemaining(e -> eventTypes.add(e.path("Type").asText()));
            if (behindTheApi.contains(id)) {
                eventTypes.add("HttpApi");
            }
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
        template.routes(JWT_ON).forEach(r -> templateRoutes.add(r.routeKey()));

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
    void withJwtOnEveryDashboardRouteHasTheAuthorizerAndHealthAndIngestKeyRoutesDoNot() {
        // The routes the contract says a dashboard JWT guards.
        JsonNode spec = CloudFormationYaml.read(Repository.read("docs/openapi.v1.yaml"));
        Set<String> dashboardRoutes = new TreeSet<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (operation.getValue().path("security").toString().contains("dashboardJwt")) {
                dashboardRoutes.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(dashboardRoutes).containsExactlyInAnyOrder("GET /v1/feed", "GET /v1/feed/latest", "GET /v1/posts/{statusId}",
                "GET /v1/window-summaries/latest", "GET /v1/watch-accounts");

        Set<String> guarded = new TreeSet<>();
        template.routes(JWT_ON).stream().filter(SamTemplate.Route::jwt).forEach(r -> guarded.add(r.routeKey()));
        assertThat(guarded).isEqualTo(dashboardRoutes).doesNotContain("GET /v1/health");
        assertThat(template.routes(JWT_OFF)).noneMatch(SamTemplate.Route::jwt);

        template.json().path("Resources").fields().forEachRemaining(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            if (!resource.getValue().path("Type").asText().equals("AWS::ApiGatewayV2::Route")) {
                return;
            }
            String authorizer = properties.path("AuthorizerId").toString();
            if (dashboardRoutes.contains(properties.path("RouteKey").asText())) {
                assertThat(authorizer).as(resource.getKey())
                        .isEqualTo("{\"Fn::If\":[\"ReadsNeedJwt\",{\"Ref\":\"DashboardJwtAuthorizer\"},{\"Ref\":\"AWS::NoValue\"}]}");
            } else {
                assertThat(properties.has("AuthorizerId")).as(resource.getKey()).isFalse();
                assertThat(properties.path("AuthorizationType").asText("NONE")).as(resource.getKey()).isEqualTo("NONE");
            }
        });
    }

    @Test
    void jwtOnReadsIsOnByDefaultAndTheAuthorizerTrustsCognitoUnlessAnIssuerIsGiven() {
        JsonNode parameters = template.json().path("Parameters");
        assertThat(parameters.path("JwtOnReads").path("Default").asText()).isEqualTo("true");
        assertThat(parameters.path("JwtIssuer").path("Default").asText()).isEmpty();
        JsonNode conditions = template.json().path("Conditions");
        assertThat(conditions.path("ReadsNeedJwt").toString()).isEqualTo("{\"Fn::Equals\":[{\"Ref\":\"JwtOnReads\"},\"true\"]}");
        assertThat(conditions.path("WithCognito").toString())
                .isEqualTo("{\"Fn::And\":[{\"Condition\":\"ReadsNeedJwt\"},{\"Fn::Equals\":[{\"Ref\":\"JwtIssuer\"},\"\"]}]}");

        JsonNode authorizer = template.resource("DashboardJwtAuthorizer");
        assertThat(authorizer.path("Condition").asText()).isEqualTo("ReadsNeedJwt");
        JsonNode jwt = authorizer.path("Properties").path("JwtConfiguration");
        assertThat(authorizer.path("Properties").path("IdentitySource").toString()).isEqualTo("[\"$request.header.Authorization\"]");
        assertThat(jwt.path("Issuer").path("Fn::If").path(0).asText()).isEqualTo("WithCognito");
        assertThat(jwt.path("Issuer").path("Fn::If").path(1).path("Fn::Sub").asText()).endsWith("/${DashboardUserPool}");
        assertThat(jwt.path("Issuer").path("Fn::If").path(2).toString()).isEqualTo("{\"Ref\":\"JwtIssuer\"}");
        assertThat(jwt.path("Audience").toString())
                .isEqualTo("{\"Fn::If\":[\"WithCognito\",[{\"Ref\":\"DashboardUserPoolClient\"}],{\"Ref\":\"JwtAudience\"}]}");
        assertThat(template.json().path("Rules").path("ExternalIssuerNamesItsAudience").path("Assertions").toString())
                .contains("Fn::EachMemberEquals");
    }

    @Test
    void theCognitoClientIsAPublicCodeWithPkceClientThatReturnsToTheDashboard() {
        for (String id : List.of("DashboardUserPool", "DashboardUserPoolClient", "DashboardUserPoolDomain")) {
            assertThat(template.resource(id).path("Condition").asText()).as(id).isEqualTo("WithCognito");
        }
        JsonNode pool = template.resource("DashboardUserPool").path("Properties");
        assertThat(pool.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean()).isTrue();
        JsonNode client = template.resource("DashboardUserPoolClient").path("Properties");
        assertThat(client.path("GenerateSecret").asBoolean(true)).isFalse();
        assertThat(client.path("AllowedOAuthFlows").toString()).isEqualTo("[\"code\"]");
        assertThat(client.path("AllowedOAuthFlowsUserPoolClient").asBoolean()).isTrue();
        assertThat(client.path("AllowedOAuthScopes").toString()).contains("openid");
        assertThat(client.path("CallbackURLs").toString()).contains("https://${DashboardDistribution.DomainName}/signed-in");
        assertThat(client.path("LogoutURLs").toString()).contains("https://${DashboardDistribution.DomainName}/");

        JsonNode outputs = template.json().path("Outputs");
        assertThat(outputs.path("SignInIssuer").path("Condition").asText()).isEqualTo("ReadsNeedJwt");
        assertThat(outputs.path("SignInClientId").path("Value").toString()).contains("DashboardUserPoolClient").contains("JwtAudience");
        assertThat(outputs.path("SignInLogoutUrl").path("Condition").asText()).isEqualTo("WithCognito");
        // The issuer the dashboard signs in with is the one the authorizer trusts.
        assertThat(outputs.path("SignInIssuer").path("Value"))
                .isEqualTo(template.resource("DashboardJwtAuthorizer").path("Properties").path("JwtConfiguration").path("Issuer"));
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
        JsonNode api = template.resource("HttpApiStage").path("Properties");
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

    @Test
    void theDashboardComesFromAPrivateBucketThroughCloudFrontWithTheApiOnTheSameOrigin() {
        JsonNode block = template.resource("DashboardBucket").path("Properties").path("PublicAccessBlockConfiguration");
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertThat(block.path(setting).asBoolean()).as(setting).isTrue();
        }
        JsonNode read = template.resource("DashboardBucketPolicy").path("Properties").path("PolicyDocument").path("Statement").get(0);
        assertThat(read.path("Principal").path("Service").asText()).isEqualTo("cloudfront.amazonaws.com");
        assertThat(read.path("Condition").path("StringEquals").path("AWS:SourceArn").toString()).contains("DashboardDistribution");

        JsonNode config = template.resource("DashboardDistribution").path("Properties").path("DistributionConfig");
        Map<String, JsonNode> origins = new TreeMap<>();
        config.path("Origins").forEach(origin -> origins.put(origin.path("Id").asText(), origin));
        assertThat(origins.get("dashboard").path("OriginAccessControlId").toString()).contains("DashboardOriginAccessControl");
        assertThat(origins.get("api").path("DomainName").toString()).contains("${HttpApi}.execute-api");
        assertThat(config.path("DefaultCacheBehavior").path("TargetOriginId").asText()).isEqualTo("dashboard");
        assertThat(config.path("DefaultCacheBehavior").path("FunctionAssociations").toString()).contains("DashboardRoutes");
        JsonNode api = config.path("CacheBehaviors").get(0);
        assertThat(api.path("PathPattern").asText()).isEqualTo("/v1/*");
        assertThat(api.path("TargetOriginId").asText()).isEqualTo("api");
        assertThat(api.path("CachePolicyId").asText()).as("CachingDisabled").isEqualTo("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
        assertThat(api.path("OriginRequestPolicyId").asText()).as("AllViewerExceptHostHeader")
                .isEqualTo("b689b0a8-53d0-40ab-baf2-68738e2966ac");
        for (String output : List.of("DashboardUrl", "DashboardBucketName", "DashboardDistributionId")) {
            assertThat(template.json().path("Outputs").has(output)).as(output).isTrue();
        }
    }

    @Test
    void anApplyLagAlarmAndADashboardShowTheFunctionsFigures() throws Exception {
        JsonNode alarm = template.resource("ApplyLagAlarm").path("Properties");
        assertThat(alarm.path("Namespace").asText()).isEqualTo(MetricFigures.NAMESPACE);
        assertThat(alarm.path("MetricName").asText()).isEqualTo(MetricFigures.APPLY_LAG);
        assertThat(alarm.path("Dimensions").toString()).contains("Environment").doesNotContain("Kind");
        String body = template.resource("OperationsDashboard").path("Properties").path("DashboardBody").path("Fn::Sub").asText();
        JsonNode dashboard = Json.mapper().readTree(body.replaceAll("\\$\\{[^}]+}", "x"));
        String metrics = dashboard.path("widgets").toString();
        for (String figure : List.of(MetricFigures.ITEMS_ACCEPTED, MetricFigures.ITEMS_REFUSED, MetricFigures.ROWS_APPLIED,
                MetricFigures.ROWS_PARKED, MetricFigures.APPLY_LAG, "ApproximateNumberOfMessagesVisible")) {
            assertThat(metrics).as(figure).contains(figure);
        }
    }
}
