package io.xmonitor.accept;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.xmonitor.config.Environment;
import io.xmonitor.http.ApiGateway;
import io.xmonitor.ingest.IngestAcceptService;
import io.xmonitor.snapstart.SnapshotPriming;

/** {@code POST /v1/ingest/*}: API Gateway event in, 202 once the batch is queued. */
public final class IngestAcceptHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final IngestAcceptService service;
    /** Held for the function's life: Lambda's runtime keeps priming registrations weakly. */
    private final SnapshotPriming snapshotPriming;

    /** The Lambda runtime's constructor: configuration from the process environment. */
    public IngestAcceptHandler() {
        this(Environment.system());
    }

    /** Configuration from the given variables (local stack, {@code xmonitor invoke}, tests). */
    public IngestAcceptHandler(Environment environment) {
        this(DaggerIngestAcceptComponent.factory().create(environment));
    }

    private IngestAcceptHandler(IngestAcceptComponent component) {
        this.service = component.acceptService();
        this.snapshotPriming = SnapshotPriming.register("ingest-accept", () -> ApiGateway.response(service.warmUp()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGateway.serve(event, service::handle);
    }
}
