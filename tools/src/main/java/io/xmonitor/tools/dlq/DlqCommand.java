package io.xmonitor.tools.dlq;

import io.xmonitor.queue.FailureRecords;
import io.xmonitor.queue.MessageAttributes;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** See what failed and bring it back after an outage. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Inspect and redrive the ingest dead-letter queue.",
        subcommands = {DlqCommand.Status.class, DlqCommand.Peek.class, DlqCommand.Redrive.class, DlqCommand.Cancel.class})
public final class DlqCommand {

    /** Where the queues are. */
    static final class Targets {
        @Option(names = "--queue-url", description = "Ingest queue URL.")
        String queueUrl;
        @Option(names = "--dlq-url", description = "Dead-letter queue URL.")
        String dlqUrl;
        @Option(names = "--bucket", description = "Payload bucket (where failure reasons are kept).")
        String bucket;
        @Option(names = "--stack", description = "Read the queues from this deployed CloudFormation stack's outputs.")
        String stack;

        QueueTargets resolve() {
            return QueueTargets.resolve(queueUrl, dlqUrl, bucket, stack);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Depth of queue and DLQ, in flight, oldest DLQ message, latest move tasks.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Override
        public Integer call() {
            QueueTargets t = targets.resolve();
            System.out.println("Targets: " + t.description());
            for (var entry : Map.of("queue", t.queueUrl(), "DLQ", t.dlqUrl()).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.reverseOrder())).toList()) {
                Map<String, String> attributes = t.sqs().getQueueAttributes(b -> b.queueUrl(entry.getValue()).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributesAsStrings();
                System.out.printf("  %-6s %6s visible  %6s in flight  %6s delayed   %s%n", entry.getKey(),
                        attributes.get("ApproximateNumberOfMessages"), attributes.get("ApproximateNumberOfMessagesNotVisible"),
                        attributes.get("ApproximateNumberOfMessagesDelayed"), entry.getValue());
            }
            List<Message> sample = Peek.peek(t, 10);
            sample.stream().map(m -> m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)).filter(s -> s != null)
                    .map(Long::parseLong).min(Long::compare)
                    .ifPresentOrElse(
                            sent -> System.out.println("  oldest DLQ message seen: " + age(Instant.ofEpochMilli(sent)) + " old"),
                            () -> System.out.println("  the DLQ is empty"));
            List<ListMessageMoveTasksResultEntry> tasks = t.sqs().listMessageMoveTasks(b -> b.sourceArn(t.dlqArn()).maxResults(5)).results();
            if (tasks.isEmpty()) {
                System.out.println("  no redrive has run");
            }
            for (ListMessageMoveTasksResultEntry task : tasks) {
                System.out.printf("  redrive %-10s moved %d, started %s%s%n", task.status(),
                        task.approximateNumberOfMessagesMoved(),
                        task.startedTimestamp() == null ? "?" : Instant.ofEpochMilli(task.startedTimestamp()),
                        task.failureReason() == null ? "" : " (" + task.failureReason() + ")");
            }
            return 0;
        }
    }

    @Command(name = "peek", mixinStandardHelpOptions = true, description = "Show DLQ messages without consuming them.")
    public static final class Peek implements Callable<Integer> {
        @Mixin
        Targets targets;
        @Option(names = {"-n", "--number"}, defaultValue = "10", description = "How many (default ${DEFAULT-VALUE}).")
        int number;

        @Override
        public Integer call() {
            QueueTargets t = targets.resolve();
            List<Message> messages = peek(t, number);
            if (messages.isEmpty()) {
                System.out.println("The DLQ is empty (" + t.dlqUrl() + ").");
                return 0;
            }
            FailureRecords failures = t.bucket() == null ? null : new FailureRecords(t.s3(), t.bucket(), Clock.systemUTC());
            System.out.printf("%-36s  %-16s %6s %8s  %-24s  %s%n", "batch_id", "kind", "items", "receives", "first failure", "reason");
            for (Message message : messages) {
                String batchId = attribute(message, MessageAttributes.BATCH_ID);
                var failure = failures == null ? Optional.<FailureRecords.Failure>empty()
                        : failures.read(FailureRecords.key(batchId, message.messageId()));
                System.out.printf("%-36s  %-16s %6s %8s  %-24s  %s%n",
                        batchId == null ? "(message " + message.messageId() + ")" : batchId,
                        attribute(message, MessageAttributes.KIND) == null ? "?" : attribute(message, MessageAttributes.KIND),
                        attribute(message, MessageAttributes.ITEM_COUNT) == null ? "?" : attribute(message, MessageAttributes.ITEM_COUNT),
                        message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT),
                        failure.map(f -> f.firstFailedAt().toString()).orElse("unknown"),
                        failure.map(f -> f.reason() + " (" + f.failures() + " failures)").orElse("no failure recorded"));
            }
            return 0;
        }

        /** Receives with a zero visibility timeout: the messages stay where they are. */
        public static List<Message> peek(QueueTargets t, int number) {
            Map<String, Message> seen = new LinkedHashMap<>();
            int attempts = 0;
            while (seen.size() < number && attempts++ < Math.max(3, number / 5)) {
                List<Message> batch = t.sqs().receiveMessage(b -> b.queueUrl(t.dlqUrl()).maxNumberOfMessages(Math.min(10, number))
                        .visibilityTimeout(0).waitTimeSeconds(0).messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (batch.isEmpty()) {
                    break;
                }
                batch.forEach(m -> seen.putIfAbsent(m.messageId(), m));
            }
            return seen.values().stream().limit(number).toList();
        }

        private static String attribute(Message message, String name) {
            var value = message.messageAttributes().get(name);
            return value == null ? null : value.stringValue();
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true, description = "Move DLQ messages back to the ingest queue.")
    public static final class Redrive implements Callable<Integer> {
        @Mixin
        Targets targets;
        @Option(names = "--max-per-second", description = "Throttle the move (messages per second).")
        Integer maxPerSecond;
        @Option(names = "--wait", description = "Show progress until the move completes.")
        boolean await;

        @Override
        public Integer call() throws InterruptedException {
            QueueTargets t = targets.resolve();
            System.out.println("Redrive started: " + t.dlqUrl() + " -> " + t.queueUrl());
            if (!await) {
                start(t, maxPerSecond);
                System.out.println("Follow it with `xmonitor dlq status`; stop it with `xmonitor dlq cancel`.");
                return 0;
            }
            return moveBack(t, maxPerSecond, System.out).status().equals("COMPLETED") ? 0 : 1;
        }

        private static String start(QueueTargets t, Integer maxPerSecond) {
            return t.sqs().startMessageMoveTask(b -> {
                b.sourceArn(t.dlqArn()).destinationArn(t.queueArn());
                if (maxPerSecond != null) {
                    b.maxNumberOfMessagesPerSecond(maxPerSecond);
                }
            }).taskHandle();
        }

        /** Moves the DLQ back to the ingest queue, showing progress on {@code progress} until the move ends. */
        public static MoveResult moveBack(QueueTargets t, Integer maxPerSecond, PrintStream progress) throws InterruptedException {
            String handle = start(t, maxPerSecond);
            long started = System.nanoTime();
            while (true) {
                var task = t.sqs().listMessageMoveTasks(b -> b.sourceArn(t.dlqArn()).maxResults(1)).results().stream()
                        .filter(r -> handle.equals(r.taskHandle()) || r.taskHandle() == null).findFirst();
                String status = task.map(ListMessageMoveTasksResultEntry::status).orElse("UNKNOWN");
                long moved = task.map(ListMessageMoveTasksResultEntry::approximateNumberOfMessagesMoved).orElse(0L);
                Long total = task.map(ListMessageMoveTasksResultEntry::approximateNumberOfMessagesToMove).orElse(null);
                progress.printf("\r  %-10s moved %d%s   %.1f s", status, moved, total == null || total == 0 ? "" : " of " + total,
                        (System.nanoTime() - started) / 1e9);
                if (!status.equals("RUNNING") && !status.equals("CANCELLING") && !status.equals("UNKNOWN")) {
                    progress.println();
                    return new MoveResult(status, moved);
                }
                Thread.sleep(Duration.ofMillis(500));
            }
        }

        /** How a move ended and how many messages it moved. */
        public record MoveResult(String status, long moved) {
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel the running redrive.")
    static final class Cancel implements Callable<Integer> {
        @Mixin
        Targets targets;

        @Override
        public Integer call() {
            QueueTargets t = targets.resolve();
            var running = t.sqs().listMessageMoveTasks(b -> b.sourceArn(t.dlqArn()).maxResults(10)).results().stream()
                    .filter(r -> "RUNNING".equals(r.status())).findFirst();
            if (running.isEmpty()) {
                System.out.println("No redrive is running.");
                return 0;
            }
            var cancelled = t.sqs().cancelMessageMoveTask(b -> b.taskHandle(running.get().taskHandle()));
            System.out.println("Cancelled after moving " + cancelled.approximateNumberOfMessagesMoved() + " messages.");
            return 0;
        }
    }

    private static String age(Instant since) {
        Duration age = Duration.between(since, Instant.now());
        return age.toHours() > 0 ? age.toHours() + " h " + age.toMinutesPart() + " min" : age.toMinutes() + " min " + age.toSecondsPart() + " s";
    }
}
