package io.xmonitor.di;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import io.xmonitor.analytics.AnalyticsApi;
import io.xmonitor.config.AppConfig;
import io.xmonitor.feed.FeedCursor;
import io.xmonitor.feed.FeedQueryParser;
import io.xmonitor.feed.FeedRepository;
import io.xmonitor.feed.ReadApiService;
import io.xmonitor.secrets.DatabaseCredentials;
import io.xmonitor.secrets.IngestKeyVerifier;
import io.xmonitor.secrets.SecretSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.inject.Singleton;
import javax.sql.DataSource;

/** The read API. Without a configured database it still answers health (as "not_configured"). */
@Module
public final class ReadModule {

    private ReadModule() {
    }

    @Provides
    @Singleton
    static ReadApiService readApi(SecretSource secrets, Lazy<DataSource> dataSource, IngestKeyVerifier ingestKeys,
                                  AppConfig config, Clock clock) {
        // Nothing here reads a secret: the pool and the cursor keys read theirs on first use, after any SnapStart restore.
        // Cursors are signed with a key derived from the database secret the feed needs anyway, so an unreadable
        // ingest secret costs only the ingest-key routes.
        Optional<FeedRepository> database = secrets.databaseConfigured()
                ? Optional.of(new FeedRepository(dataSource.get()))
                : Optional.empty();
        FeedCursor cursors = FeedCursor.signedWith(() -> secrets.database().map(DatabaseCredentials::password)
                .filter(password -> !password.isBlank()).map(List::of).orElse(List.of()));
        FeedQueryParser parser = new FeedQueryParser(config.defaultFeedLimit(), config.maxFeedLimit(), cursors);
        Optional<AnalyticsApi> analytics = database.map(feed -> AnalyticsApi.over(dataSource.get(), feed, parser, cursors, clock));
        return new ReadApiService(database, analytics, parser, ingestKeys, config, clock);
    }
}
