package io.xmonitor.read;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.xmonitor.config.Environment;
import io.xmonitor.feed.ReadApiService;
import io.xmonitor.http.ApiGateway;
import io.xmonitor.snapstart.SnapshotPriming;

/** {@code GET /v1/*}: health, feed, post detail, summaries, watch accounts, reconcile, batch status. */
public final class ReadApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ReadApiService service;
    /** Held for the function's life: Lambda's runtime keeps priming registrations weakly. */
    private final SnapshotPriming snapshotPriming;

    /** The Lambda runtime's constructor: configuration from the process environment. */
    public ReadApiHandler() {
        this(Environment.system());
    }

    /** Configuration from the given variables (local stack, {@code xmonitor invoke}, tests). */
    public ReadApiHandler(Environment environment) {
        this(DaggerReadApiComponent.factory().create(environment));
    }

    private ReadApiHandler(ReadApiComponent component) {
        this.service = component.readApi();
        this.snapshotPriming = SnapshotPriming.register("read-api", () -> ApiGateway.response(service.warmUp()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGateway.serve(event, service::handle);
    }
}
