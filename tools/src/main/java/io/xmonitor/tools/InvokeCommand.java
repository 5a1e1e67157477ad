package io.xmonitor.tools;

import io.xmonitor.config.Environment;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import io.xmonitor.tools.invoke.EnvVarsFile;
import io.xmonitor.tools.invoke.FunctionInvoker;
import io.xmonitor.tools.local.StackState;
import io.xmonitor.tools.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Invoke one function of template.yaml in-process with an event file, as `sam local invoke` does.",
                "Beside a running `xmonitor local` it uses that stack, unless --env-vars names another environment."})
final class InvokeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LogicalId", description = "IngestAcceptFunction, IngestConsumerFunction, ReadApiFunction or DbMigrateFunction.")
    String functionId;

    @Option(names = {"-e", "--event"}, required = true, description = "The event JSON file (see events/).")
    Path event;

    @Option(names = "--env-vars", description = "Environment variables file in `sam local invoke --env-vars` format "
            + "(default: the running local stack's, if one runs).")
    Path envVars;

    @Override
    public Integer call() throws Exception {
        SamTemplate template = SamTemplate.packaged();
        if (!template.functionIds().contains(functionId)) {
            System.err.println("no function " + functionId + " in template.yaml; functions: " + template.functionIds());
            return 2;
        }
        if (!Files.isReadable(event)) {
            System.err.println("cannot read event file " + event);
            return 2;
        }
        String eventJson = Files.readString(event, StandardCharsets.UTF_8);
        if (Json.parse(eventJson.getBytes(StandardCharsets.UTF_8)) instanceof JsonDocument.Rejected rejected) {
            System.err.println("event file " + event + " is not a JSON event: " + rejected.reason());
            return 2;
        }
        Map<String, String> variables = new HashMap<>(System.getenv());
        if (envVars != null) {
            variables.putAll(EnvVarsFile.read(envVars, functionId));
        } else {
            Optional<StackState> stack = StackState.read();
            stack.ifPresent(running -> variables.putAll(running.functionVariables()));
            System.err.println(stack.map(running -> "using the local stack at " + running.apiUrl() + " (" + StackState.file() + ")")
                    .orElse("no local stack is running and no --env-vars was given: only this shell's environment configures "
                            + functionId));
        }
        FunctionInvoker invoker = new FunctionInvoker(template, functionId, new Environment(variables));
        System.out.println(invoker.invoke(eventJson));
        return 0;
    }
}
