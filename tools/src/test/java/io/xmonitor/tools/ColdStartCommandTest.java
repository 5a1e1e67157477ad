package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.tools.local.LocalStack;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * `xmonitor coldstart` starts every function's shaded jar under Lambda's runtime client against
 * the local stack, checks each answer, and prints the timings; the SnapStart hooks of the three
 * request-serving functions run and say how long they took.
 */
class ColdStartCommandTest {

    @Test
    void startsEachJarAsLambdaDoesAndTimesItOnDemandAndPrimed() throws Exception {
        LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null, null, null, "coldstart-key", 1, null, Optional.empty()));
        try {
            String text;
            int code;
            try (CapturedOutput output = new CapturedOutput()) {
                code = XmonitorCli.run("coldstart", "--runs", "1", "--repository", Repository.root().toString());
                text = output.text();
            }
            assertThat(code).as(text).isZero();
            String figure = " +[0-9,]+ ms";
            for (String primed : new String[] {"ingest-accept", "ingest-consumer", "read-api"}) {
                assertThat(text).containsPattern(primed + " +[0-9.]+ MB \\|" + figure.repeat(4) + " \\|" + figure.repeat(2) + " +[0-9.]+x");
            }
            assertThat(text).containsPattern("db-migrate +[0-9.]+ MB \\|" + figure.repeat(4) + " \\| +none" + figure + " +[0-9.]+x");
        } finally {
            stack.close();
        }
    }
}
