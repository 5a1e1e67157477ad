package io.xmonitor.tools;

import io.xmonitor.tools.dlq.DlqCommand;
import io.xmonitor.tools.drill.DrillCommand;
import io.xmonitor.tools.coldstart.ColdStartCommand;
import io.xmonitor.tools.load.LoadCommand;
import io.xmonitor.tools.web.WebCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operator and developer CLI. */
@Command(name = "xmonitor", mixinStandardHelpOptions = true, version = "xmonitor 1.0.0",
        description = {"Run the XMonitor pipeline locally and operate it.",
                "Run it as ./xmonitor COMMAND from the repository root: the launcher finds a JDK 21+ by itself "
                        + "(./xmonitor mvnw … runs the Maven wrapper on the same JDK)."},
        subcommands = {LocalCommand.class, InvokeCommand.class, DlqCommand.class, DrillCommand.class, LoadCommand.class, ColdStartCommand.class, WebCommand.class,
                ParkedCommand.class, ImportCommands.Import.class, ImportCommands.Validate.class, ImportCommands.Generate.class})
public final class XmonitorCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and answers its exit code; a failure is one line on stderr, not a stack trace. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new XmonitorCli());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String reason = e.getMessage() == null || e.getMessage().isBlank()
                    ? e.getClass().getSimpleName() : e.getMessage().strip().lines().findFirst().orElseThrow();
            cmd.getErr().println("xmonitor " + cmd.getCommandName() + ": " + reason);
            return 1;
        });
        return commandLine.execute(args);
    }
}
