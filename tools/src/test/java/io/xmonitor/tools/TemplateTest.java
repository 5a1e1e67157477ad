package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;
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
import io.xmonitor.http.HttpRequest;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import io.xmonitor.local.StandIns;
import io.xmonitor.log.MetricFigures;
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
        Set<String> legacyRoutes = new TreeSet<>();
        template.routes(JWT_ON).forEach(r -> (r.path().startsWith(HttpRequest.LEGACY_BASE + "/") ? legacyRoutes : templateRoutes)
                .add(r.routeKey()));

        JsonNode spec = CloudFormationYaml.read(Repository.read("docs/openapi.v1.yaml"));
        Set<String> specRoutes = new TreeSet<>();
        Set<String> specLegacyRoutes = new TreeSet<>();
        spec.path("paths").fields().forEachRemaining(path -> {
            boolean legacyToo = path.getValue().path("servers").findValuesAsText("url").contains(HttpRequest.LEGACY_BASE);
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (!method.equals("servers")) {
                    String route = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                    specRoutes.add(route);
                    if (legacyToo) {
                        specLegacyRoutes.add(route.replace(" /v1/", " " + HttpRequest.LEGACY_BASE + "/v1/"));
                    }
                }
            });
        });

        Set<String> codeRoutes = new TreeSet<>();
        for (IngestKind kind : IngestKind.values()) {
            codeRoutes.add("POST " + kind.route());
        }
        codeRoutes.addAll(ReadRoutes.list());

        assertThat(templateRoutes).isEqualTo(specRoutes);
        assertThat(codeRoutes).isEqualTo(specRoutes);
        assertThat(legacyRoutes).as("the old base path serves exactly the routes the contract says it does").isEqualTo(specLegacyRoutes);
        assertThat(legacyRoutes).as("every ingest route answers under the old base path").hasSizeGreaterThanOrEqualTo(IngestKind.values().length);
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
                "GET /v1/window-summaries/latest", "GET /v1/watch-accounts", "GET /v1/trends", "GET /v1/engagement",
                "GET /v1/window-summaries", "GET /v1/narrative-shifts");

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
    void theReadApiBacksUpTheAuthorizerOnExactlyTheRoutesItGuards() {
        JsonNode value = template.resource("ReadApiFunction").path("Properties").path("Environment").path("Variables")
                .path(AppConfig.JWT_ROUTES).path("Fn::If");
        assertThat(value.path(0).asText()).isEqualTo("ReadsNeedJwt");
        Set<String> named = new TreeSet<>(List.of(value.path(1).asText().split(",")));
        Set<String> guarded = new TreeSet<>();
        template.routes(JWT_ON).stream().filter(SamTemplate.Route::jwt).forEach(route -> guarded.add(route.routeKey()));
        assertThat(named).isEqualTo(guarded).hasSize(9);
        assertThat(value.path(2).asText()).as("open reads: nothing to back up").isEmpty();
        assertThat(template.routes(JWT_OFF)).noneMatch(SamTemplate.Route::jwt);
        // Every named route is one the read API answers (it refuses to start otherwise).
        assertThat(ReadRoutes.list()).containsAll(named);
    }

    @Test
    void corsIsOffUnlessOriginsAreNamed() {
        JsonNode parameter = template.json().path("Parameters").path("CorsAllowedOrigins");
        assertThat(parameter.path("Default").asText()).isEmpty();
        assertThat(template.json().path("Conditions").path("WithCorsOrigins").toString()).contains("CorsAllowedOrigins");
        JsonNode cors = template.resource("HttpApi").path("Properties").path("CorsConfiguration").path("Fn::If");
        assertThat(cors.path(0).asText()).isEqualTo("WithCorsOrigins");
        assertThat(cors.path(1).path("AllowOrigins").toString()).isEqualTo("{\"Ref\":\"CorsAllowedOrigins\"}");
        assertThat(cors.path(2).toString()).isEqualTo("{\"Ref\":\"AWS::NoValue\"}");
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
        assertThat(client.path("CallbackURLs").toString()).contains("https://${Host}/signed-in");
        assertThat(client.path("LogoutURLs").toString()).contains("https://${Host}/");

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
        // SQS takes 1 MiB once a queue allows it; a message the queue takes must fit the DLQ it is moved to.
        assertThat(queue.path("MaximumMessageSize").asInt()).isEqualTo(StandIns.MAXIMUM_MESSAGE_BYTES);
        assertThat(dlq.path("MaximumMessageSize").asInt()).isEqualTo(StandIns.MAXIMUM_MESSAGE_BYTES);
        assertThat(template.json().path("Parameters").path("PayloadThresholdBytes").path("Default").asInt())
                .as("inline messages (body and attributes) fit the queue").isEqualTo(StandIns.MAXIMUM_MESSAGE_BYTES);
        assertThat(template.json().path("Parameters").path("PayloadThresholdBytes").path("MaxValue").asInt())
                .isLessThanOrEqualTo(StandIns.MAXIMUM_MESSAGE_BYTES);

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
        assertThat(read.path("ReservedConcurrentExecutions").toString())
                .isEqualTo("{\"Fn::If\":[\"WithReadApiReservedConcurrency\",{\"Ref\":\"ReadApiReservedConcurrency\"},{\"Ref\":\"AWS::NoValue\"}]}");
        JsonNode api = template.resource("HttpApiStage").path("Properties");
        assertThat(api.path("DefaultRouteSettings").path("ThrottlingRateLimit").toString()).isEqualTo("{\"Ref\":\"ApiThrottlingRateLimit\"}");
        assertThat(api.path("DefaultRouteSettings").path("ThrottlingBurstLimit").toString()).isEqualTo("{\"Ref\":\"ApiThrottlingBurstLimit\"}");
        assertThat(api.path("RouteSettings").path("GET /v1/health").path("ThrottlingRateLimit").toString())
                .isEqualTo("{\"Ref\":\"HealthThrottlingRateLimit\"}");
        int consumers = template.literal(template.resource("IngestConsumerFunction").path("Properties").path("Events")
                .path("IngestQueue").path("Properties").path("ScalingConfig").path("MaximumConcurrency")).asInt();
        int readers = template.literal(read.path("ReservedConcurrentExecutions").path("Fn::If").path(1)).asInt();
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
        List<String> apiPaths = new ArrayList<>();
        for (JsonNode api : config.path("CacheBehaviors")) {
            apiPaths.add(api.path("PathPattern").asText());
            assertThat(api.path("TargetOriginId").asText()).isEqualTo("api");
            assertThat(api.path("CachePolicyId").asText()).as("CachingDisabled").isEqualTo("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
            assertThat(api.path("OriginRequestPolicyId").asText()).as("AllViewerExceptHostHeader")
                    .isEqualTo("b689b0a8-53d0-40ab-baf2-68738e2966ac");
        }
        assertThat(apiPaths).as("the API, and the old API's base path").containsExactly("/v1/*", "/api/v1/*");
        for (String output : List.of("DashboardUrl", "DashboardBucketName", "DashboardDistributionId")) {
            assertThat(template.json().path("Outputs").has(output)).as(output).isTrue();
        }
    }

    @Test
    void everyAnswerOfTheDistributionCarriesAStrictContentSecurityPolicyAndTheOtherSecurityHeaders() {
        JsonNode config = template.resource("DashboardDistribution").path("Properties").path("DistributionConfig");
        String policy = "{\"Ref\":\"DashboardResponseHeaders\"}";
        assertThat(config.path("DefaultCacheBehavior").path("ResponseHeadersPolicyId").toString()).as("the dashboard").isEqualTo(policy);
        assertThat(config.path("CacheBehaviors")).as("every behaviour, /v1/* included").isNotEmpty()
                .allSatisfy(behaviour -> assertThat(behaviour.path("ResponseHeadersPolicyId").toString()).isEqualTo(policy));

        JsonNode security = template.resource("DashboardResponseHeaders").path("Properties").path("ResponseHeadersPolicyConfig")
                .path("SecurityHeadersConfig");
        security.fields().forEachRemaining(header ->
                assertThat(header.getValue().path("Override").asBoolean()).as(header.getKey() + " replaces what an origin sends").isTrue());
        Map<String, List<String>> csp = directives(template.responseHeaders("DashboardResponseHeaders", Map.of("SignInOrigins", "ISSUER"))
                .get("Content-Security-Policy"));
        assertThat(csp.get("default-src")).containsExactly("'self'");
        assertThat(csp.get("script-src")).as("no inline script, no eval").containsExactly("'self'");
        assertThat(csp.get("style-src")).containsExactly("'self'");
        assertThat(csp.get("connect-src")).as("this origin and the sign-in issuer").containsExactly("'self'", "ISSUER");
        assertThat(csp.get("frame-ancestors")).containsExactly("'none'");
        assertThat(csp.get("frame-src")).containsExactly("'none'");
        assertThat(csp.get("object-src")).containsExactly("'none'");
        assertThat(csp.get("base-uri")).containsExactly("'self'");
        assertThat(csp.get("form-action")).containsExactly("'self'");
        assertThat(csp.values()).as("no wildcard, scheme or unsafe source anywhere").allSatisfy(sources -> assertThat(sources)
                .noneMatch(source -> source.contains("*") || source.contains("unsafe") || source.endsWith(":")));

        assertThat(security.path("StrictTransportSecurity").path("AccessControlMaxAgeSec").asLong()).isGreaterThanOrEqualTo(31_536_000);
        assertThat(security.has("ContentTypeOptions")).isTrue();
        assertThat(security.path("FrameOptions").path("FrameOption").asText()).isEqualTo("DENY");
        assertThat(security.path("ReferrerPolicy").path("ReferrerPolicy").asText()).isEqualTo("no-referrer");
        Map<String, String> headers = template.responseHeaders("DashboardResponseHeaders", Map.of("SignInOrigins", ""));
        assertThat(headers.get("Permissions-Policy")).contains("camera=()", "microphone=()", "geolocation=()", "payment=()");
        assertThat(headers).containsEntry("X-Content-Type-Options", "nosniff").containsEntry("X-Frame-Options", "DENY")
                .containsEntry("Cross-Origin-Opener-Policy", "same-origin").containsKey("Strict-Transport-Security");
        assertThat(directives(headers.get("Content-Security-Policy")).get("connect-src")).as("open reads: no issuer").containsExactly("'self'");
    }

    @Test
    void theCspNamesTheIssuerTheDashboardSignsInWith() {
        JsonNode origins = template.resource("DashboardResponseHeaders").path("Properties").path("ResponseHeadersPolicyConfig")
                .path("SecurityHeadersConfig").path("ContentSecurityPolicy").path("ContentSecurityPolicy").path("Fn::Sub").path(1)
                .path("SignInOrigins").path("Fn::If");
        assertThat(origins.path(0).asText()).isEqualTo("WithCognito");
        // Cognito: discovery at the issuer, tokens and revocation at the user pool's domain.
        assertThat(origins.path(1).path("Fn::Sub").asText()).isEqualTo(
                "https://cognito-idp.${AWS::Region}.${AWS::URLSuffix} https://${DashboardUserPoolDomain}.auth.${AWS::Region}.amazoncognito.com");
        assertThat(template.json().path("Outputs").path("SignInIssuer").path("Value").path("Fn::If").path(1).path("Fn::Sub").asText())
                .startsWith("https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/");
        assertThat(template.json().path("Outputs").path("SignInRevocationUrl").path("Value").path("Fn::Sub").asText())
                .startsWith("https://${DashboardUserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/");
        JsonNode external = origins.path(2).path("Fn::If");
        assertThat(external.path(0).asText()).isEqualTo("ReadsNeedJwt");
        assertThat(external.path(2).asText()).as("open reads").isEmpty();
        Map<String, String> issuers = Map.of(
                "https://accounts.example.com", "https://accounts.example.com",
                "https://login.example.com/tenant-1/v2.0", "https://login.example.com",
                "https://id.example.com:8443/realms/xmonitor/", "https://id.example.com:8443");
        issuers.forEach((issuer, origin) -> assertThat(evaluate(external.path(1), Map.of("JwtIssuer", issuer))).as(issuer).isEqualTo(origin));
    }

    @Test
    void aMinimumTlsVersionComesWithTheDashboardsOwnDomainAndCertificate() {
        JsonNode config = template.resource("DashboardDistribution").path("Properties").path("DistributionConfig");
        JsonNode certificate = config.path("ViewerCertificate").path("Fn::If");
        assertThat(certificate.path(0).asText()).isEqualTo("WithDashboardDomain");
        assertThat(certificate.path(1).path("AcmCertificateArn").toString()).isEqualTo("{\"Ref\":\"DashboardCertificateArn\"}");
        assertThat(certificate.path(1).path("SslSupportMethod").asText()).isEqualTo("sni-only");
        assertThat(certificate.path(1).path("MinimumProtocolVersion").asText()).isEqualTo("TLSv1.2_2021");
        assertThat(certificate.path(2).path("CloudFrontDefaultCertificate").asBoolean()).isTrue();
        assertThat(config.path("Aliases").toString()).contains("DashboardDomainName");
        assertThat(template.json().path("Rules").path("DashboardDomainComesWithItsCertificate").toString())
                .contains("DashboardDomainName").contains("DashboardCertificateArn");
        // Sign-in comes back to the domain the dashboard is served on.
        for (JsonNode urls : List.of(template.resource("DashboardUserPoolClient").path("Properties").path("CallbackURLs"),
                template.resource("DashboardUserPoolClient").path("Properties").path("LogoutURLs"),
                template.json().path("Outputs").path("DashboardUrl"), template.json().path("Outputs").path("SignInLogoutUrl"))) {
            assertThat(urls.toString()).contains("{\"Host\":{\"Fn::If\":[\"WithDashboardDomain\",{\"Ref\":\"DashboardDomainName\"}");
        }
    }

    @Test
    void theLocalServerRefusesAHeadersSettingItWouldNotServe() {
        String withXss = Repository.read("template.yaml").replace("          ContentTypeOptions:\n            Override: true\n",
                "          ContentTypeOptions:\n            Override: true\n          XSSProtection:\n            Protection: true\n            Override: true\n");
        assertThat(withXss).contains("XSSProtection");
        assertThatThrownBy(() -> SamTemplate.parse(withXss).responseHeaders("DashboardResponseHeaders", Map.of("SignInOrigins", "")))
                .hasMessageContaining("XSSProtection");
        assertThatThrownBy(() -> template.responseHeaders("DashboardResponseHeaders", Map.of()))
                .hasMessageContaining("${SignInOrigins}");
    }

    /** A Content-Security-Policy's directives and their sources. */
    static Map<String, List<String>> directives(String policy) {
        Map<String, List<String>> directives = new TreeMap<>();
        for (String directive : policy.split(";")) {
            List<String> words = List.of(directive.strip().split("\\s+"));
            assertThat(directives.put(words.getFirst(), words.subList(1, words.size()))).as("%s given twice", words.getFirst()).isNull();
        }
        return directives;
    }

    /** The few intrinsic functions a value computed from parameters uses, evaluated as CloudFormation does. */
    private static String evaluate(JsonNode value, Map<String, String> parameters) {
        if (value.isTextual()) {
            return value.asText();
        }
        Map.Entry<String, JsonNode> function = value.fields().next();
        JsonNode arguments = function.getValue();
        return switch (function.getKey()) {
            case "Fn::Sub" -> {
                String text = arguments.asText();
                for (var parameter : parameters.entrySet()) {
                    text = text.replace("${" + parameter.getKey() + "}", parameter.getValue());
                }
                yield text;
            }
            case "Fn::Join" -> {
                List<String> parts = new ArrayList<>();
                arguments.path(1).forEach(part -> parts.add(evaluate(part, parameters)));
                yield String.join(arguments.path(0).asText(), parts);
            }
            case "Fn::Select" -> {
                JsonNode split = arguments.path(1).path("Fn::Split");
                String[] pieces = evaluate(split.path(1), parameters).split(java.util.regex.Pattern.quote(split.path(0).asText()), -1);
                yield pieces[arguments.path(0).asInt()];
            }
            default -> throw new IllegalArgumentException("not evaluated here: " + function.getKey());
        };
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
        for (String figure : List.of(MetricFigures.ITEMS_ACCEPTED, MetricFigures.ITEMS_REFUSED, MetricFigures.ITEMS_WITH_WARNINGS,
                MetricFigures.ROWS_APPLIED,
                MetricFigures.ROWS_PARKED, MetricFigures.APPLY_LAG, "ApproximateNumberOfMessagesVisible")) {
            assertThat(metrics).as(figure).contains(figure);
        }
    }
    @Test
    void reservingTheReadApisConcurrencyIsOptionalForAccountsWithASmallQuota() {
        JsonNode parameter = template.json().path("Parameters").path("ReadApiReservedConcurrency");
        assertThat(parameter.path("MinValue").asInt()).isZero();
        assertThat(parameter.path("Default").asInt()).isEqualTo(10);
        assertThat(parameter.path("Description").asText()).contains("0 reserves none");
        assertThat(template.json().path("Conditions").path("WithReadApiReservedConcurrency").toString())
                .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"ReadApiReservedConcurrency\"},\"0\"]}]}");
    }

    @Test
    void theDatabaseFunctionsCompleteASecretWithoutItsLocationFromParametersAndMayDecryptItsKey() {
        JsonNode parameters = template.json().path("Parameters");
        for (String name : List.of("DatabaseHost", "DatabasePort", "DatabaseName", "DatabaseSecretKmsKeyArn")) {
            assertThat(parameters.path(name).path("Default").isTextual()).as(name + " is optional").isTrue();
            assertThat(parameters.path(name).path("Default").asText()).as(name).isEmpty();
        }
        assertThat("5432").matches(parameters.path("DatabasePort").path("AllowedPattern").asText());
        assertThat("").matches(parameters.path("DatabasePort").path("AllowedPattern").asText());
        String keyPattern = parameters.path("DatabaseSecretKmsKeyArn").path("AllowedPattern").asText();
        assertThat("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab").matches(keyPattern);
        assertThat("1234abcd-12ab-34cd-56ef-1234567890ab").as("a key id is no ARN for a policy").doesNotMatch(keyPattern);
        assertThat(template.json().path("Conditions").path("WithDatabaseSecretKmsKey").toString())
                .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"DatabaseSecretKmsKeyArn\"},\"\"]}]}");

        for (String id : List.of("IngestConsumerFunction", "ReadApiFunction", "DbMigrateFunction")) {
            JsonNode variables = template.resource(id).path("Properties").path("Environment").path("Variables");
            assertThat(variables.path(AppConfig.DATABASE_HOST).toString()).as(id).isEqualTo("{\"Ref\":\"DatabaseHost\"}");
            assertThat(variables.path(AppConfig.DATABASE_PORT).toString()).as(id).isEqualTo("{\"Ref\":\"DatabasePort\"}");
            assertThat(variables.path(AppConfig.DATABASE_NAME).toString()).as(id).isEqualTo("{\"Ref\":\"DatabaseName\"}");
            List<JsonNode> decrypt = new ArrayList<>();
            template.resource(id).path("Properties").path("Policies").forEach(policy -> {
                if (policy.toString().contains("kms:Decrypt")) {
                    decrypt.add(policy);
                }
            });
            assertThat(decrypt).as(id).hasSize(1);
            JsonNode choice = decrypt.getFirst().path("Fn::If");
            assertThat(choice.path(0).asText()).isEqualTo("WithDatabaseSecretKmsKey");
            assertThat(choice.path(2).toString()).isEqualTo("{\"Ref\":\"AWS::NoValue\"}");
            JsonNode statement = choice.path(1).path("Statement").get(0);
            assertThat(statement.path("Action").asText()).isEqualTo("kms:Decrypt");
            assertThat(statement.path("Resource").toString()).isEqualTo("{\"Ref\":\"DatabaseSecretKmsKeyArn\"}");
            assertThat(statement.path("Condition").path("StringEquals").path("kms:ViaService").path("Fn::Sub").asText())
                    .as("only through Secrets Manager").isEqualTo("secretsmanager.${AWS::Region}.${AWS::URLSuffix}");
        }
        JsonNode accept = template.resource("IngestAcceptFunction").path("Properties");
        assertThat(accept.path("Environment").path("Variables").has(AppConfig.DATABASE_HOST)).isFalse();
        assertThat(accept.path("Policies").toString()).doesNotContain("kms:");
    }

    @Test
    void theSecretsManagerEndpointHasItsOwnGroupThatLetsTheFunctionsInOnHttps() {
        JsonNode endpoint = template.resource("SecretsManagerEndpoint").path("Properties");
        assertThat(endpoint.path("SecurityGroupIds").toString())
                .isEqualTo("[{\"Fn::GetAtt\":[\"SecretsManagerEndpointSecurityGroup\",\"GroupId\"]}]");
        assertThat(endpoint.path("PrivateDnsEnabled").asBoolean()).isTrue();
        for (String id : List.of("SecretsManagerEndpointSecurityGroup", "VpcFunctionSecurityGroup")) {
            assertThat(template.resource(id).path("Condition").asText()).as(id).isEqualTo("WithVpcEndpoints");
            assertThat(template.resource(id).path("Properties").path("VpcId").toString()).as(id).isEqualTo("{\"Ref\":\"VpcId\"}");
            assertThat(template.resource(id).path("Properties").path("GroupDescription").isMissingNode()).as(id).isFalse();
        }
        JsonNode ingress = template.resource("SecretsManagerEndpointSecurityGroup").path("Properties").path("SecurityGroupIngress");
        assertThat(ingress).hasSize(1);
        assertThat(ingress.get(0).path("IpProtocol").asText()).isEqualTo("tcp");
        assertThat(ingress.get(0).path("FromPort").asInt()).isEqualTo(443);
        assertThat(ingress.get(0).path("ToPort").asInt()).isEqualTo(443);
        assertThat(ingress.get(0).path("SourceSecurityGroupId").toString())
                .isEqualTo("{\"Fn::GetAtt\":[\"VpcFunctionSecurityGroup\",\"GroupId\"]}");
        assertThat(template.resource("VpcFunctionSecurityGroup").path("Properties").has("SecurityGroupEgress"))
                .as("CloudFormation's default egress: everything, 443 to the endpoints among it").isFalse();

        for (String id : List.of("IngestConsumerFunction", "ReadApiFunction", "DbMigrateFunction")) {
            JsonNode groups = template.resource(id).path("Properties").path("VpcConfig").path("SecurityGroupIds").path("Fn::If");
            assertThat(groups.path(0).asText()).as(id).isEqualTo("WithVpcEndpoints");
            assertThat(groups.path(1).toString()).as(id + " with endpoints: the given groups and the functions' own")
                    .contains("{\"Ref\":\"VpcSecurityGroupIds\"}").contains("${VpcFunctionSecurityGroup.GroupId}");
            assertThat(groups.path(2).toString()).as(id).isEqualTo("{\"Ref\":\"VpcSecurityGroupIds\"}");
        }
    }

    @Test
    void everyFunctionPublishesANewVersionWhenAnyOfItsPropertiesChanges() {
        assertThat(template.json().path("Globals").path("Function").path("AutoPublishAlias").asText()).isEqualTo("live");
        for (String id : template.functionIds()) {
            // SAM's Globals do not take AutoPublishAliasAllProperties: each function says it.
            assertThat(template.resource(id).path("Properties").path("AutoPublishAliasAllProperties").asBoolean()).as(id).isTrue();
        }
    }

    @Test
    void systemLogsKeepLambdasReportLines() {
        JsonNode logging = template.json().path("Globals").path("Function").path("LoggingConfig");
        assertThat(logging.path("SystemLogLevel").asText()).as("REPORT lines are INFO").isEqualTo("INFO");
        for (String id : template.functionIds()) {
            assertThat(template.resource(id).path("Properties").has("LoggingConfig")).as(id).isFalse();
        }
    }

    @Test
    void rulesRefuseVpcEndpointsWithoutTheirVpcOrRouteTables() {
        Map<String, String> subnetVpcs = Map.of("subnet-1", "vpc-a", "subnet-2", "vpc-a", "subnet-9", "vpc-b");
        Map<String, Object> valid = new TreeMap<>(Map.of("CreateVpcEndpoints", "true", "VpcId", "vpc-a",
                "VpcSubnetIds", List.of("subnet-1", "subnet-2"), "PrivateRouteTableIds", List.of("rtb-1", "rtb-2")));
        assertThat(failedRules(valid, subnetVpcs)).isEmpty();

        assertThat(failedRules(with(valid, "VpcId", ""), subnetVpcs)).containsExactly(
                "VpcEndpointsNeedTheirVpcAndRouteTables: With CreateVpcEndpoints=true, VpcId must name the VPC of VpcSubnetIds.",
                "VpcEndpointsNeedTheirVpcAndRouteTables: With CreateVpcEndpoints=true, every subnet in VpcSubnetIds must be in VpcId.");
        assertThat(failedRules(with(valid, "VpcSubnetIds", List.of("subnet-1", "subnet-9")), subnetVpcs))
                .containsExactly("VpcEndpointsNeedTheirVpcAndRouteTables: With CreateVpcEndpoints=true, every subnet in VpcSubnetIds must be in VpcId.");
        String noRouteTables = "VpcEndpointsNeedTheirVpcAndRouteTables: With CreateVpcEndpoints=true, PrivateRouteTableIds must list the private subnets' route tables.";
        assertThat(failedRules(with(valid, "PrivateRouteTableIds", List.of("")), subnetVpcs)).containsExactly(noRouteTables);
        assertThat(failedRules(with(valid, "PrivateRouteTableIds", List.of()), subnetVpcs)).containsExactly(noRouteTables);
        assertThat(failedRules(with(valid, "PrivateRouteTableIds", List.of("rtb-1", "")), subnetVpcs)).containsExactly(noRouteTables);

        Map<String, Object> withoutEndpoints = with(with(with(valid, "CreateVpcEndpoints", "false"), "VpcId", ""),
                "PrivateRouteTableIds", List.of(""));
        assertThat(failedRules(withoutEndpoints, subnetVpcs)).as("nothing to check without endpoints").isEmpty();
    }

    @Test
    void rulesRefuseAConsumerBatchAboveTenWithoutABatchingWindow() {
        String refusal = "LargeConsumerBatchesNeedABatchingWindow: A ConsumerBatchSize above 10 needs ConsumerBatchingWindowSeconds of at least 1.";
        JsonNode parameters = template.json().path("Parameters");
        int maxBatch = parameters.path("ConsumerBatchSize").path("MaxValue").asInt();
        int maxWindow = parameters.path("ConsumerBatchingWindowSeconds").path("MaxValue").asInt();
        for (int size = parameters.path("ConsumerBatchSize").path("MinValue").asInt(); size <= maxBatch; size++) {
            for (int window : new int[] {0, 1, 2, maxWindow}) {
                Map<String, Object> values = Map.of("ConsumerBatchSize", String.valueOf(size), "ConsumerBatchingWindowSeconds", String.valueOf(window));
                boolean lambdaRefuses = size > 10 && window < 1;
                assertThat(failedRules(values, Map.of()).contains(refusal)).as("batch %d, window %d", size, window).isEqualTo(lambdaRefuses);
            }
        }
        Map<String, Object> defaults = Map.of("ConsumerBatchSize", parameters.path("ConsumerBatchSize").path("Default").asText(),
                "ConsumerBatchingWindowSeconds", parameters.path("ConsumerBatchingWindowSeconds").path("Default").asText());
        assertThat(failedRules(defaults, Map.of())).doesNotContain(refusal);
    }

    @Test
    void accountWideNamesCarryTheRegionAndStayWithinTheirLimits() {
        String oac = template.resource("DashboardOriginAccessControl").path("Properties").path("OriginAccessControlConfig").path("Name").path("Fn::Sub").asText();
        String function = template.resource("DashboardRoutes").path("Properties").path("Name").path("Fn::Sub").asText();
        String dashboard = template.resource("OperationsDashboard").path("Properties").path("DashboardName").path("Fn::Sub").asText();
        for (String name : List.of(oac, function, dashboard)) {
            assertThat(name).contains("${EnvironmentName}").contains("${AWS::Region}");
        }
        assertThat(template.json().path("Outputs").path("OperationsDashboardUrl").path("Value").path("Fn::Sub").asText())
                .endsWith("#dashboards:name=" + dashboard);
        // The longest environment name the parameter allows, in a region with one of the longest codes.
        Map<String, String> longest = Map.of("EnvironmentName", "x".repeat(20), "AWS::Region", "ap-southeast-2");
        assertThat(substitute(oac, longest)).hasSizeLessThanOrEqualTo(64);
        assertThat(substitute(function, longest)).hasSizeLessThanOrEqualTo(64).matches("[a-zA-Z0-9_-]+");
        assertThat(substitute(dashboard, longest)).matches("[a-zA-Z0-9_-]{1,255}");
    }

    @Test
    void everyEnvironmentNameTheTemplateAcceptsGivesACognitoDomainPrefixCognitoAccepts() {
        JsonNode parameters = template.json().path("Parameters");
        String environmentPattern = parameters.path("EnvironmentName").path("AllowedPattern").asText();
        String prefixPattern = parameters.path("CognitoDomainPrefix").path("AllowedPattern").asText();
        String defaultPrefix = template.resource("DashboardUserPoolDomain").path("Properties").path("Domain").path("Fn::If").path(2)
                .path("Fn::Sub").asText();
        assertThat(defaultPrefix).isEqualTo("xmonitor-${EnvironmentName}-${AWS::AccountId}");
        for (String refused : List.of("aws", "prod-aws", "myamazon", "cognito-test", "", "Prod", "x".repeat(21))) {
            assertThat(refused).as("EnvironmentName").doesNotMatch(environmentPattern);
        }
        for (String refused : List.of("aws-signin", "amazon", "xcognitox")) {
            assertThat(refused).as("CognitoDomainPrefix").doesNotMatch(prefixPattern);
        }
        assertThat("").as("CognitoDomainPrefix may stay empty").matches(prefixPattern);
        assertThat("xmonitor-signin").matches(prefixPattern);

        // Names over the parameter's alphabet, a reserved word inside a third of them: accepted exactly when
        // 1 to 20 long without a reserved word, and then the default prefix is one Cognito takes (its
        // documented pattern, no reserved word).
        List<String> words = List.of("", "aws", "amazon", "cognito");
        qt().withExamples(5_000).forAll(strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 9), integers().between(0, 5),
                        strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 9), longs().between(0, 999_999_999_999L))
                .checkAssert((before, word, after, account) -> {
                    String name = (before + (word < words.size() ? words.get(word) : "") + after).replace('q', '-').replace('j', '7');
                    boolean reserved = name.contains("aws") || name.contains("amazon") || name.contains("cognito");
                    boolean accepted = !reserved && !name.isEmpty() && name.length() <= 20;
                    assertThat(name.matches(environmentPattern)).as(name).isEqualTo(accepted);
                    if (accepted) {
                        String prefix = "xmonitor-" + name + "-" + String.format("%012d", account);
                        assertThat(prefix).matches("[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?")
                                .doesNotContain("aws").doesNotContain("amazon").doesNotContain("cognito");
                    }
                });
        for (String word : List.of("aws", "amazon", "cognito")) {
            assertThat("ab" + word + "cd").doesNotMatch(environmentPattern);
        }
    }

    @Test
    void dbMigrateMayRunAsLongAsLambdaAllowsAndIsInvokedWithoutTheCliReadTimeout() {
        assertThat(template.resource("DbMigrateFunction").path("Properties").path("Timeout").asInt()).isEqualTo(900);
        for (String document : List.of("README.md", "docs/runbooks/operations.md")) {
            String text = Repository.read(document).replaceAll("\\\\\\n\\s*", " ");
            List<String> invokes = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.contains("aws lambda invoke")) {
                    invokes.add(line);
                }
            }
            assertThat(invokes).as(document).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).as(document).contains("--cli-read-timeout 0"));
        }
    }

    @Test
    void corsIsTheHttpApisAndNoFunctionIsConfiguredForIt() {
        JsonNode cors = template.resource("HttpApi").path("Properties").path("CorsConfiguration").path("Fn::If");
        assertThat(cors.path(0).asText()).as("no CORS unless origins are named").isEqualTo("WithCorsOrigins");
        assertThat(cors.path(1).path("AllowOrigins").toString()).isEqualTo("{\"Ref\":\"CorsAllowedOrigins\"}");
        assertThat(cors.path(2).toString()).isEqualTo("{\"Ref\":\"AWS::NoValue\"}");
        assertThat(template.cors(List.of())).isEmpty();
        for (String id : template.functionIds()) {
            assertThat(template.resource(id).path("Properties").path("Environment").toString()).as(id)
                    .doesNotContain("CorsAllowedOrigins").doesNotContainIgnoringCase("cors");
        }
        assertThat(template.cors(List.of("https://app.example.com"))).hasValueSatisfying(parsed -> {
            assertThat(parsed.allowMethods()).containsExactly("GET", "OPTIONS");
            assertThat(parsed.exposeHeaders()).containsExactly("etag");
            assertThat(parsed.maxAgeSeconds()).isEqualTo(600);
        });
    }

    private static Map<String, Object> with(Map<String, Object> values, String name, Object value) {
        Map<String, Object> changed = new TreeMap<>(values);
        changed.put(name, value);
        return changed;
    }

    private static String substitute(String sub, Map<String, String> values) {
        String result = sub;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("${" + value.getKey() + "}", value.getValue());
        }
        return result;
    }

    /**
     * The template's Rules evaluated as CloudFormation documents them, for the given parameter values
     * (the others at their defaults; a list-typed parameter as a list, "" as [""]): "rule: assertion"
     * for each assertion that fails. {@code Fn::ValueOf [subnets, VpcId]} looks the subnets up in
     * {@code subnetVpcs}.
     */
    private List<String> failedRules(Map<String, Object> values, Map<String, String> subnetVpcs) {
        Map<String, Object> parameters = new TreeMap<>();
        template.json().path("Parameters").fields().forEachRemaining(parameter -> {
            String type = parameter.getValue().path("Type").asText();
            String fallback = parameter.getValue().path("Default").asText("");
            parameters.put(parameter.getKey(), type.startsWith("List<") || type.equals("CommaDelimitedList")
                    ? List.of(fallback.split(",", -1)) : fallback);
        });
        parameters.putAll(values);
        List<String> failed = new ArrayList<>();
        template.json().path("Rules").fields().forEachRemaining(rule -> {
            JsonNode condition = rule.getValue().path("RuleCondition");
            if (!condition.isMissingNode() && !(Boolean) evaluate(condition, parameters, subnetVpcs)) {
                return;
            }
            rule.getValue().path("Assertions").forEach(assertion -> {
                if (!(Boolean) evaluate(assertion.path("Assert"), parameters, subnetVpcs)) {
                    failed.add(rule.getKey() + ": " + assertion.path("AssertDescription").asText());
                }
            });
        });
        return failed;
    }

    private static Object evaluate(JsonNode node, Map<String, Object> parameters, Map<String, String> subnetVpcs) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(element -> values.add(evaluate(element, parameters, subnetVpcs)));
            return values;
        }
        assertThat(node.size()).as("one function per node: " + node).isEqualTo(1);
        String function = node.fieldNames().next();
        JsonNode arguments = node.path(function);
        if (function.equals("Ref")) {
            assertThat(parameters).as("Ref " + arguments.asText()).containsKey(arguments.asText());
            return parameters.get(arguments.asText());
        }
        List<?> args = (List<?>) evaluate(arguments, parameters, subnetVpcs);
        return switch (function) {
            case "Fn::Equals" -> args.get(0).equals(args.get(1));
            case "Fn::Not" -> !(Boolean) args.get(0);
            case "Fn::And" -> args.stream().allMatch(Boolean.TRUE::equals);
            case "Fn::Or" -> args.stream().anyMatch(Boolean.TRUE::equals);
            case "Fn::Contains" -> ((List<?>) args.get(0)).contains(args.get(1));
            case "Fn::EachMemberEquals" -> ((List<?>) args.get(0)).stream().allMatch(args.get(1)::equals);
            case "Fn::EachMemberIn" -> ((List<?>) args.get(1)).containsAll((List<?>) args.get(0));
            case "Fn::ValueOf" -> {
                assertThat(args.get(1)).as("the only attribute the rules read").isEqualTo("VpcId");
                List<String> vpcs = new ArrayList<>();
                for (Object subnet : (List<?>) parameters.get((String) args.get(0))) {
                    vpcs.add(subnetVpcs.getOrDefault((String) subnet, "vpc-unknown"));
                }
                yield vpcs;
            }
            default -> throw new AssertionError("a rule function this evaluator does not know: " + function);
        };
    }
}
