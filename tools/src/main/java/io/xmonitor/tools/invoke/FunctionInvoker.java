package io.xmonitor.tools.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.xmonitor.config.Environment;
import io.xmonitor.tools.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Creates a function's handler as Lambda would (the class named by {@code Handler} in
 * template.yaml, configured from an environment) and invokes it with JSON events, using the
 * Lambda runtime's own event serializers.
 */
public final class FunctionInvoker {

    private final String functionId;
    private final Object handler;

    public FunctionInvoker(SamTemplate template, String functionId, Environment environment) {
        this.functionId = functionId;
        String className = template.handlerClass(functionId);
        try {
            this.handler = Class.forName(className).getConstructor(Environment.class).newInstance(environment);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(functionId + ": handler " + className + " could not be created: " + cause.getMessage(), cause);
        }
    }

    public Object handler() {
        return handler;
    }

    /** Invokes with one JSON event and answers the JSON response. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public String invoke(String eventJson) throws IOException {
        Context context = new LocalContext(functionId);
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), output, context);
            return output.toString(StandardCharsets.UTF_8);
        }
        if (handler instanceof RequestHandler request) {
            Class<?>[] types = requestTypes(handler.getClass());
            PojoSerializer input = LambdaEventSerializers.serializerFor(types[0], getClass().getClassLoader());
            Object response = request.handleRequest(input.fromJson(eventJson), context);
            PojoSerializer output = LambdaEventSerializers.serializerFor(types[1], getClass().getClassLoader());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            output.toJson(response, bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        }
        throw new IllegalStateException(functionId + ": " + handler.getClass().getName() + " is not a Lambda handler");
    }

    private static Class<?>[] requestTypes(Class<?> handlerClass) {
        for (Type type : handlerClass.getGenericInterfaces()) {
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                Type[] arguments = parameterized.getActualTypeArguments();
                return new Class<?>[] {(Class<?>) arguments[0], (Class<?>) arguments[1]};
            }
        }
        throw new IllegalStateException(handlerClass.getName() + " does not declare RequestHandler<I, O>");
    }
}
