package io.xmonitor.tools.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** template.yaml as the local tools need it: functions, their handlers and HTTP routes, the queues. */
public final class SamTemplate {

    /** An HTTP API route, the function it invokes and whether the JWT authorizer guards it. */
    public record Route(String method, String path, String functionId, boolean jwt, Pattern pattern) {

        public String routeKey() {
            return method + " " + path;
        }

        /** Path parameters when {@code rawPath} matches this route, empty otherwise. */
        public Optional<Map<String, String>> match(String requestMethod, String rawPath) {
            if (!method.equalsIgnoreCase(requestMethod)) {
                return Optional.empty();
            }
            Matcher matcher = pattern.matcher(rawPath);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            Matcher names = Pattern.compile("\\{([^/}]+)}").matcher(path);
            int group = 1;
            while (names.find()) {
                parameters.put(names.group(1), matcher.group(group++));
            }
            return Optional.of(parameters);
        }
    }

    /**
     * The HTTP API's CORS configuration: what API Gateway answers a preflight with and adds to the
     * answers of an allowed origin. Its origins are a deployment's parameter, so they are given.
     */
    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, int maxAgeSeconds) {

        public Cors {
            allowOrigins = List.copyOf(allowOrigins);
            allowMethods = List.copyOf(allowMethods);
            allowHeaders = List.copyOf(allowHeaders);
            exposeHeaders = List.copyOf(exposeHeaders);
        }
    }

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    /** The template packaged with the tools (a copy of the repository's template.yaml). */
    public static SamTemplate packaged() {
        try (InputStream in = SamTemplate.class.getClassLoader().getResourceAsStream("template.yaml")) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("template.yaml could not be read", e);
        }
    }

    public static SamTemplate parse(String yaml) {
        return new SamTemplate(CloudFormationYaml.read(yaml));
    }

    public JsonNode json() {
        return root;
    }

    public JsonNode resource(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    public List<String> functionIds() {
        List<String> ids = new ArrayList<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if ("AWS::Serverless::Function".equals(e.getValue().path("Type").asText())) {
                ids.add(e.getKey());
            }
        });
        return ids;
    }

    /** The handler class of a function ({@code Handler} without its {@code ::method}). */
    public String handlerClass(String functionId) {
        String handler = resource(functionId).path("Properties").path("Handler").asText();
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    /**
     * The HTTP API's routes ({@code AWS::ApiGatewayV2::Route} resources), with the template's
     * conditions taking the given values: whether a route needs a JWT is decided by them.
     */
    public List<Route> routes(Map<String, Boolean> conditions) {
        List<Route> routes = new ArrayList<>();
        root.path("Resources").fields().forEachRemaining(entry -> {
            JsonNode properties = entry.getValue().path("Properties");
            if (!"AWS::ApiGatewayV2::Route".equals(entry.getValue().path("Type").asText())) {
                return;
            }
            String[] key = properties.path("RouteKey").asText().split(" ", 2);
            String target = properties.path("Target").path("Fn::Sub").asText();
            Matcher integration = Pattern.compile("integrations/\\$\\{(\\w+)}").matcher(target);
            if (!integration.matches()) {
                throw new IllegalStateException(entry.getKey() + " does not target an integration of this template");
            }
            String functionReference = resource(integration.group(1)).path("Properties").path("IntegrationUri").path("Ref").asText();
            String functionId = functionReference.replaceFirst("\\.Alias$", "");
            String authorization = resolve(properties.path("AuthorizationType"), conditions).asText("NONE");
            String path = key[1];
            routes.add(new Route(key[0].toUpperCase(Locale.ROOT), path, functionId, authorization.equals("JWT"),
                    Pattern.compile(path.replaceAll("\\{[^/}]+}", "([^/]+)"))));
        });
        return routes;
    }

    /** The HTTP API's {@code CorsConfiguration}, with these origins; empty when it has none. */
    public Optional<Cors> cors(List<String> origins) {
        // The API has a CORS configuration only when origins are named (condition WithCorsOrigins).
        JsonNode configuration = resolve(resource("HttpApi").path("Properties").path("CorsConfiguration"),
                Map.of("WithCorsOrigins", !origins.isEmpty()));
        if (configuration.isMissingNode() || configuration.path("Ref").asText().equals("AWS::NoValue")) {
            return Optional.empty();
        }
        return Optional.of(new Cors(origins, strings(configuration.path("AllowMethods")), strings(configuration.path("AllowHeaders")),
                strings(configuration.path("ExposeHeaders")), configuration.path("MaxAge").asInt(0)));
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** {@code value} with its {@code Fn::If}s decided by {@code conditions}. */
    private static JsonNode resolve(JsonNode value, Map<String, Boolean> conditions) {
        JsonNode choice = value.path("Fn::If");
        if (choice.isMissingNode()) {
            return value;
        }
        String condition = choice.path(0).asText();
        Boolean holds = conditions.get(condition);
        if (holds == null) {
            throw new IllegalArgumentException("no value given for the template's condition " + condition);
        }
        return resolve(choice.path(holds ? 1 : 2), conditions);
    }

    /**
     * The headers CloudFront adds for the template's response headers policy {@code policyId}, as it
     * sends them: its security headers and custom headers, the Content-Security-Policy's
     * {@code Fn::Sub} variables taken from {@code variables}. A setting this reading does not know
     * is refused rather than left out, so a local server never serves less than the template says.
     */
    public Map<String, String> responseHeaders(String policyId, Map<String, String> variables) {
        JsonNode config = resource(policyId).path("Properties").path("ResponseHeadersPolicyConfig");
        Map<String, String> headers = new LinkedHashMap<>();
        config.path("SecurityHeadersConfig").fields().forEachRemaining(setting -> {
            JsonNode value = setting.getValue();
            switch (setting.getKey()) {
                case "ContentSecurityPolicy" -> headers.put("Content-Security-Policy",
                        substitute(value.path("ContentSecurityPolicy"), variables));
                case "StrictTransportSecurity" -> headers.put("Strict-Transport-Security",
                        "max-age=" + value.path("AccessControlMaxAgeSec").asLong()
                                + (value.path("IncludeSubdomains").asBoolean() ? "; includeSubDomains" : "")
                                + (value.path("Preload").asBoolean() ? "; preload" : ""));
                case "ContentTypeOptions" -> headers.put("X-Content-Type-Options", "nosniff");
                case "FrameOptions" -> headers.put("X-Frame-Options", value.path("FrameOption").asText());
                case "ReferrerPolicy" -> headers.put("Referrer-Policy", value.path("ReferrerPolicy").asText());
                default -> throw new IllegalStateException(policyId + " sets " + setting.getKey() + ", which the local server does not serve");
            }
        });
        config.path("CustomHeadersConfig").path("Items").forEach(item ->
                headers.put(item.path("Header").asText(), item.path("Value").asText()));
        config.fields().forEachRemaining(setting -> {
            if (!List.of("Name", "Comment", "SecurityHeadersConfig", "CustomHeadersConfig").contains(setting.getKey())) {
                throw new IllegalStateException(policyId + " sets " + setting.getKey() + ", which the local server does not serve");
            }
        });
        return headers;
    }

    /** A string or the template string of an {@code Fn::Sub} with its variables replaced by {@code variables}. */
    private static String substitute(JsonNode value, Map<String, String> variables) {
        if (value.isTextual()) {
            return value.asText();
        }
        JsonNode sub = value.path("Fn::Sub");
        String text = sub.isArray() ? sub.path(0).asText() : sub.asText();
        Matcher reference = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String replacement = variables.get(reference.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException("no value given for ${" + reference.group(1) + "}");
            }
            reference.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        reference.appendTail(out);
        // An empty variable leaves a space before its semicolon.
        return out.toString().replaceAll(" +;", ";").replaceAll(" {2,}", " ").strip();
    }

    /** The literal value of a property of a resource, following one {@code Ref} to a parameter default. */
    public JsonNode literal(JsonNode value) {
        if (value.has("Ref")) {
            JsonNode parameter = root.path("Parameters").path(value.path("Ref").asText());
            return parameter.path("Default");
        }
        return value;
    }
}
