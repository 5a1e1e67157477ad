import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs a stream handler from nothing but its shaded jar with an empty event. Argument: handler class. */
public class LaunchStream {
    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((RequestStreamHandler) handler).handleRequest(new ByteArrayInputStream(new byte[0]), out, null);
        System.out.println(out.toString(StandardCharsets.UTF_8));
    }
}
