package io.xmonitor.tools.stack;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;

/** The outputs of a deployed stack (template.yaml's Outputs), which the operator tools act on. */
public record StackOutputs(String stackName, Map<String, String> values) {

    public static StackOutputs of(String stackName) {
        try (CloudFormationClient cloudFormation = CloudFormationClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            return new StackOutputs(stackName, cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().getFirst()
                    .outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue)));
        }
    }

    public String require(String key) {
        return optional(key).orElseThrow(() -> new IllegalArgumentException("the stack " + stackName + " has no output " + key
                + "; deploy the current template.yaml"));
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }
}
