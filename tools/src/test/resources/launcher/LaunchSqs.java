import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;

/** Runs the SQS consumer from nothing but its shaded jar. Arguments: handler class, message body. */
public class LaunchSqs {
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody(args[1]);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        var response = ((RequestHandler<SQSEvent, SQSBatchResponse>) handler).handleRequest(event, null);
        System.out.println("failures " + response.getBatchItemFailures().size());
    }
}
