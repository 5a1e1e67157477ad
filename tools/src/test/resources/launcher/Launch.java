import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs one function from nothing but its shaded jar, the way Lambda does: the handler class is
 * loaded by name and built with its no-argument constructor, which reads the process environment.
 * Arguments: handler class, then {@code post PATH BODY}, {@code get PATH}, {@code sqs BODY} or {@code stream}.
 */
public class Launch {
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        switch (args[1]) {
            case "post", "get" -> {
                var event = APIGatewayV2HTTPEvent.builder()
                        .withRawPath(args[2])
                        .withHeaders(Map.of("x-api-key", String.valueOf(System.getenv("XMONITOR_INGEST_SHARED_SECRET"))))
                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                        .withMethod(args[1].toUpperCase()).build()).build())
                        .withBody(args.length > 3 ? args[3] : null)
                        .build();
                var response = ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler).handleRequest(event, null);
                System.out.println(response.getStatusCode() + " " + response.getBody());
            }
            case "sqs" -> {
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId("m-1");
                message.setBody(args[2]);
                SQSEvent event = new SQSEvent();
                event.setRecords(List.of(message));
                var response = ((RequestHandler<SQSEvent, SQSBatchResponse>) handler).handleRequest(event, null);
                System.out.println("failures " + response.getBatchItemFailures().size());
            }
            case "stream" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ((RequestStreamHandler) handler).handleRequest(new ByteArrayInputStream(new byte[0]), out, null);
                System.out.println(out.toString(StandardCharsets.UTF_8));
            }
            default -> throw new IllegalArgumentException(args[1]);
        }
    }
}
