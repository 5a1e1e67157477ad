package io.xmonitor.tools;

import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.feed.FeedCursor;
import io.xmonitor.feed.FeedQueryParser;
import io.xmonitor.feed.ReadApiService;
import io.xmonitor.secrets.EnvironmentSecretSource;
import io.xmonitor.secrets.IngestKeyVerifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read routes as the read API's code defines them. */
final class ReadRoutes {

    private ReadRoutes() {
    }

    static List<String> list() {
        Environment environment = new Environment(Map.of());
        ReadApiService service = new ReadApiService(Optional.empty(), Optional.empty(), new FeedQueryParser(50, 200, new FeedCursor(List.of())),
                new IngestKeyVerifier(new EnvironmentSecretSource(environment)), AppConfig.load(environment), Clock.systemUTC());
        return service.routes();
    }
}
