import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * Runs an HTTP function from nothing but its shaded jar, the way Lambda does: the handler class
 * is loaded by name and built with its no-argument constructor, which reads the process
 * environment. Arguments: handler class, method ({@code get} or {@code post}), path, API key, body.
 */
public class LaunchHttp {
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        var event = APIGatewayV2HTTPEvent.builder()
                .withRawPath(args[2])
                .withHeaders(Map.of("x-api-key", args[3]))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(args[1].toUpperCase()).build()).build())
                .withBody(args.length > 4 ? args[4] : null)
                .build();
        var response = ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler).handleRequest(event, null);
        System.out.println(response.getStatusCode() + " " + response.getBody());
    }
}
