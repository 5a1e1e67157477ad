// Generated from docs/openapi.v1.yaml by `npm run api-types`; do not edit by hand.
export interface paths {
    "/v1/ingest/posts/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upsert posts */
        post: operations["ingestPosts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ingest/metrics/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add metrics snapshots */
        post: operations["ingestMetrics"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ingest/reports/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upsert reports */
        post: operations["ingestReports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ingest/watch-accounts/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upsert watch accounts */
        post: operations["ingestWatchAccounts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ingest/embeddings/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upsert embeddings */
        post: operations["ingestEmbeddings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ingest/window-summaries/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upsert window summaries */
        post: operations["ingestWindowSummaries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ingest/narrative-shifts/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upsert narrative shifts */
        post: operations["ingestNarrativeShifts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ingest/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record one collector run */
        post: operations["ingestRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ingest/batches/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether and when an accepted batch was applied */
        get: operations["getBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and database reachability */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Posts, newest first by (discovered_at, status_id) */
        get: operations["feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feed/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The newest item key for the same filters, for cheap polling
         * @description The ETag changes whenever an applied batch changed what the feed shows (a post, also one
         *     that arrives late below the newest, or a report), so a dashboard that polls with
         *     If-None-Match sees every change; 304 costs one indexed read.
         */
        get: operations["feedLatest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/posts/{statusId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One post with its metrics snapshots (newest first) and report */
        get: operations["post"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/window-summaries/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The newest rolling_2h and rolling_12h summaries
         * @description The summary of each window type whose window ends last (the newest generation of it
         *     when regenerated). `items` lists the same summaries, as the previous dashboard reads them.
         */
        get: operations["latestSummaries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/watch-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watched accounts, optionally of one tier */
        get: operations["watchAccounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many posts, and how many significant, per time bucket and tier
         * @description Posts counted by when they were discovered (`discovered_at`), in whole buckets of the
         *     viewer's time zone (`tz`): `24h` is the current hour and the 23 before it, `7d` the
         *     current six hours (00–06, 06–12, 12–18, 18–24 local) and the 27 before, `30d` and `90d`
         *     today and the 29 or 89 days before. A bucket starts and ends at local boundaries, so a
         *     day of a daylight-saving change lasts 23 or 25 hours (a rarer change makes a day as long as
         *     31 hours: Antarctica/Vostok, 31 January 1994), and an hour repeated when clocks go
         *     back is two buckets. The range ends where the current bucket ends. The feed's filters
         *     (`tier`, `handle`, `significant`, `q`) narrow the posts counted, exactly as they narrow
         *     the feed. Every figure is exact: posts are counted as they are stored at the moment of
         *     the request (one snapshot for the whole answer).
         */
        get: operations["trends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/engagement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Likes, reposts, replies and views of the posts of a range; top handles and top posts
         * @description The same range, buckets and filters as `/v1/trends`. A post counts with the counts of its
         *     latest observation (the `likes`, `reposts`, `replies` and `views` the feed shows), in the
         *     bucket of its `discovered_at`. Its engagement score is
         *     `likes + 2 × reposts + 3 × replies`: a repost carries the post to another audience and a
         *     reply costs its writer more than a like; views are passive and, often a hundred times
         *     the rest, would drown them, so they are reported beside the score, not in it. A handle's
         *     score is the sum of its posts' scores. Top handles rank by score, then posts, then
         *     handle; top posts by score, then newest first. Every figure is exact, from one snapshot.
         */
        get: operations["engagement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/window-summaries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Window summaries, newest first by (window_end, summary_key) */
        get: operations["windowSummaries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/narrative-shifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Narrative shifts, newest first by (period_end, shift_key), each with its basis windows */
        get: operations["narrativeShifts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ops/reconcile-counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rows touched since an instant, to reconcile against the collector */
        get: operations["reconcileCounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: string;
            /** @description only on a 500; names the log line of the failure */
            request_id?: string;
        };
        ItemError: {
            index: number;
            /** @example items[3].discovered_at: not an ISO-8601 timestamp */
            message: string;
        };
        /** @description A field of an accepted item stored without its sent value (dropped, cut or cleaned). */
        ItemWarning: {
            index: number;
            /** @example likes */
            field: string;
            /** @example is negative (-1: unknown); dropped */
            message: string;
        };
        Acceptance: {
            /** Format: uuid */
            batch_id?: string;
            received: number;
            accepted: number;
            skipped: number;
            errors: components["schemas"]["ItemError"][];
            warnings: components["schemas"]["ItemWarning"][];
        };
        Rejection: {
            error: string;
            received: number;
            /** @enum {integer} */
            accepted: 0;
            skipped: number;
            errors: components["schemas"]["ItemError"][];
        };
        /**
         * @description ISO-8601, or another form the API description lists
         * @example 2026-02-25T19:39:12.000Z
         */
        Instant: string;
        NullableInstant: string | null;
        /** @description also read from a numeric string or a whole-valued float; anything else is dropped */
        Count: number;
        /** @description trimmed; "" is absent; cut at the length the API description lists, with a warning */
        Text: string;
        /** @description digits; surrounding spaces are trimmed */
        StatusId: string;
        /** @enum {string} */
        Tier: "teammate" | "influencer" | "ecosystem" | "investor";
        /** @description Refused only when status_id, author_handle, discovered_at or last_seen_at is missing or unusable. */
        PostUpsert: {
            status_id: components["schemas"]["StatusId"];
            /** @description an http(s) URL; otherwise, or left out, https://x.com/<author_handle>/status/<status_id> */
            url?: string;
            /** @description @ optional; letters, digits, underscore; stored lower-case */
            author_handle: string;
            author_display?: components["schemas"]["Text"];
            body_text?: components["schemas"]["Text"];
            posted_relative?: components["schemas"]["Text"];
            source_query?: components["schemas"]["Text"];
            /** @description one of the tiers in any case; anything else is dropped */
            watch_tier?: string;
            /** @description also "true"/"false", "yes"/"no", 1/0 */
            is_significant?: boolean;
            significance_reason?: components["schemas"]["Text"];
            /** @description default v1 */
            significance_version?: string;
            likes?: components["schemas"]["Count"];
            reposts?: components["schemas"]["Count"];
            replies?: components["schemas"]["Count"];
            views?: components["schemas"]["Count"];
            initial_likes?: components["schemas"]["Count"];
            initial_reposts?: components["schemas"]["Count"];
            initial_replies?: components["schemas"]["Count"];
            initial_views?: components["schemas"]["Count"];
            likes_24h?: components["schemas"]["Count"];
            reposts_24h?: components["schemas"]["Count"];
            replies_24h?: components["schemas"]["Count"];
            views_24h?: components["schemas"]["Count"];
            refresh_24h_at?: components["schemas"]["Instant"];
            refresh_24h_status?: components["schemas"]["Text"];
            refresh_24h_delta_likes?: number;
            refresh_24h_delta_reposts?: number;
            refresh_24h_delta_replies?: number;
            refresh_24h_delta_views?: number;
            discovered_at: components["schemas"]["Instant"];
            last_seen_at: components["schemas"]["Instant"];
        };
        /** @description Refused only when status_id, snapshot_type or snapshot_at is missing or unusable; counts left out are 0. */
        MetricsSnapshotUpsert: {
            status_id: components["schemas"]["StatusId"];
            /** @enum {string} */
            snapshot_type: "initial_capture" | "latest_observed" | "refresh_24h" | "refresh-24h";
            snapshot_at: components["schemas"]["Instant"];
            likes?: components["schemas"]["Count"];
            reposts?: components["schemas"]["Count"];
            replies?: components["schemas"]["Count"];
            views?: components["schemas"]["Count"];
            /** @description default ingest */
            source?: string;
        };
        /** @description Refused only when status_id or reported_at is missing or unusable. */
        ReportUpsert: {
            status_id: components["schemas"]["StatusId"];
            reported_at: components["schemas"]["Instant"];
            channel?: components["schemas"]["Text"];
            summary?: components["schemas"]["Text"];
            destination?: components["schemas"]["Text"];
        };
        /** @description Refused only when handle or tier is missing or unusable. */
        WatchAccountUpsert: {
            handle: string;
            tier: components["schemas"]["Tier"];
            note?: components["schemas"]["Text"];
            /** @description the earliest seen is kept; default: when the batch was accepted */
            added_at?: components["schemas"]["Instant"];
            /** @description the version of tier and note; default: when the batch was accepted */
            updated_at?: components["schemas"]["Instant"];
        };
        /** @description Refused only when status_id, backend, model or text_hash is missing or unusable. vector (or vector_json, the same as an array or as JSON text) left out or unusable is stored as [] with dims 0; dims is the vector's length. */
        EmbeddingUpsert: {
            status_id: components["schemas"]["StatusId"];
            backend: string;
            model: string;
            dims?: number;
            vector?: number[];
            vector_json?: string | number[];
            text_hash: string;
            /** @description the version; without it an embedding ranks below every one with it, and by its values */
            updated_at?: components["schemas"]["Instant"];
            /** @description the earliest sent is kept; default: when the row was first stored */
            created_at?: components["schemas"]["Instant"];
        };
        /** @description Refused only when summary_key, the window or generated_at is missing or unusable; summary_text left out is stored empty, with a warning. */
        WindowSummaryUpsert: {
            summary_key: string;
            /** @example rolling_2h */
            window_type: string;
            window_start: components["schemas"]["Instant"];
            window_end: components["schemas"]["Instant"];
            generated_at: components["schemas"]["Instant"];
            post_count?: components["schemas"]["Count"];
            significant_count?: components["schemas"]["Count"];
            tier_counts?: Record<string, never>;
            top_themes?: unknown[];
            debates?: unknown[];
            top_authors?: unknown[];
            notable_posts?: unknown[];
            summary_text?: components["schemas"]["Text"];
            /** @description default v1 */
            source_version?: string;
            embedding_backend?: components["schemas"]["Text"];
            embedding_model?: components["schemas"]["Text"];
            embedding_dims?: number;
            embedding_vector?: number[];
        };
        /** @description Refused only when shift_key, the period or generated_at is missing or unusable; summary_text left out is stored empty, with a warning. */
        NarrativeShiftUpsert: {
            shift_key: string;
            basis_window_type: string;
            period_start: components["schemas"]["Instant"];
            period_end: components["schemas"]["Instant"];
            generated_at: components["schemas"]["Instant"];
            source_summary_keys?: string[];
            emerging_themes?: unknown[];
            declining_themes?: unknown[];
            debate_intensity?: unknown[];
            position_shifts?: Record<string, never>;
            summary_text?: components["schemas"]["Text"];
            /** @description default v1 */
            source_version?: string;
            embedding_backend?: components["schemas"]["Text"];
            embedding_model?: components["schemas"]["Text"];
            embedding_dims?: number;
            embedding_vector?: number[];
        };
        /** @description Refused only when run_at, mode or source (its key) is unusable. */
        PipelineRunUpsert: {
            run_at: components["schemas"]["Instant"];
            /** @enum {string} */
            mode: "priority" | "discovery" | "both" | "refresh24h" | "refresh-24h" | "refresh_24h" | "manual";
            fetched_count?: components["schemas"]["Count"];
            significant_count?: components["schemas"]["Count"];
            reported_count?: components["schemas"]["Count"];
            note?: components["schemas"]["Text"];
            /** @description default local-dispatcher */
            source?: string;
        };
        FeedItem: {
            status_id: string;
            discovered_at: components["schemas"]["Instant"];
            author_handle: string;
            /** @description the author's display name, when the collector saw one */
            author_display: string | null;
            /** @enum {string|null} */
            watch_tier: "teammate" | "influencer" | "ecosystem" | "investor" | null;
            body_text: string | null;
            url: string;
            is_significant: boolean;
            significance_reason: string | null;
            likes: number;
            reposts: number;
            replies: number;
            views: number;
            reported_at: components["schemas"]["NullableInstant"];
        };
        FeedPage: {
            items: components["schemas"]["FeedItem"][];
            next_cursor: string | null;
        };
        LatestKey: {
            status_id: string | null;
            discovered_at: components["schemas"]["NullableInstant"];
        };
        MetricsSnapshot: {
            /** @enum {string} */
            snapshot_type: "initial_capture" | "latest_observed" | "refresh_24h";
            snapshot_at: components["schemas"]["Instant"];
            likes: number;
            reposts: number;
            replies: number;
            views: number;
            source: string | null;
        };
        Report: {
            reported_at: components["schemas"]["Instant"];
            channel: string | null;
            summary: string | null;
            destination: string | null;
        } | null;
        PostDetail: {
            post: components["schemas"]["FeedItem"];
            snapshots: components["schemas"]["MetricsSnapshot"][];
            report: components["schemas"]["Report"];
        };
        WindowSummary: {
            summary_key: string;
            window_type: string;
            window_start: components["schemas"]["Instant"];
            window_end: components["schemas"]["Instant"];
            generated_at: components["schemas"]["Instant"];
            post_count: number;
            significant_count: number;
            tier_counts: Record<string, never>;
            top_themes: unknown[];
            debates: unknown[];
            top_authors: unknown[];
            notable_posts: unknown[];
            summary_text: string;
            source_version: string;
        } | null;
        WatchAccount: {
            handle: string;
            tier: components["schemas"]["Tier"];
            note: string | null;
            added_at: components["schemas"]["Instant"];
        };
        BatchStatus: {
            /** Format: uuid */
            batch_id: string;
            /** @enum {string} */
            kind: "posts" | "metrics" | "reports" | "watch_accounts" | "embeddings" | "window_summaries" | "narrative_shifts" | "runs";
            item_count: number;
            accepted_at: components["schemas"]["Instant"];
            applied_at: components["schemas"]["Instant"];
            /** @description rows inserted or changed (older versions change nothing) */
            rows_written: number;
            /** @description rows waiting for their post */
            rows_parked: number;
        };
        ReconcileCounts: {
            since: components["schemas"]["Instant"];
            generated_at: components["schemas"]["Instant"];
            counts: {
                posts: number;
                reports: number;
                pipeline_runs: number;
                window_summaries: number;
                narrative_shifts: number;
            };
        };
        Health: {
            ok: boolean;
            service: string;
            version: string;
            /** @enum {string} */
            database: "ok" | "error" | "not_configured";
            timestamp: components["schemas"]["Instant"];
            duration_ms: number;
            environment: string;
        };
        PostCounts: {
            posts: number;
            significant: number;
        };
        /** @description Every tier, and `none`, always present. */
        TierCounts: {
            teammate: components["schemas"]["PostCounts"];
            influencer: components["schemas"]["PostCounts"];
            ecosystem: components["schemas"]["PostCounts"];
            investor: components["schemas"]["PostCounts"];
            none: components["schemas"]["PostCounts"];
        };
        TrendBucket: {
            start: components["schemas"]["Instant"];
            /** @description exclusive */
            end: components["schemas"]["Instant"];
            posts: number;
            significant: number;
            tiers: components["schemas"]["TierCounts"];
        };
        Trends: {
            /** @enum {string} */
            range: "24h" | "7d" | "30d" | "90d";
            /** @example Europe/Berlin */
            time_zone: string;
            /**
             * @description the bucket's length in local time
             * @enum {string}
             */
            bucket: "hour" | "6h" | "day";
            start: components["schemas"]["Instant"];
            /** @description exclusive; the end of the current bucket */
            end: components["schemas"]["Instant"];
            totals: components["schemas"]["PostCounts"];
            tiers: components["schemas"]["TierCounts"];
            buckets: components["schemas"]["TrendBucket"][];
        };
        EngagementFigures: {
            posts: number;
            significant: number;
            likes: number;
            reposts: number;
            replies: number;
            views: number;
            /** @description likes + 2 × reposts + 3 × replies */
            score: number;
        };
        EngagementBucket: {
            start: components["schemas"]["Instant"];
            /** @description exclusive */
            end: components["schemas"]["Instant"];
            posts: number;
            significant: number;
            likes: number;
            reposts: number;
            replies: number;
            views: number;
            score: number;
        };
        /** @description Every tier, and `none`, always present. */
        TierEngagement: {
            teammate: components["schemas"]["EngagementFigures"];
            influencer: components["schemas"]["EngagementFigures"];
            ecosystem: components["schemas"]["EngagementFigures"];
            investor: components["schemas"]["EngagementFigures"];
            none: components["schemas"]["EngagementFigures"];
        };
        TopHandle: {
            handle: string;
            posts: number;
            significant: number;
            likes: number;
            reposts: number;
            replies: number;
            views: number;
            score: number;
        };
        TopPost: {
            score: number;
            post: components["schemas"]["FeedItem"];
        };
        Engagement: {
            /** @enum {string} */
            range: "24h" | "7d" | "30d" | "90d";
            /** @example Europe/Berlin */
            time_zone: string;
            /**
             * @description the bucket's length in local time
             * @enum {string}
             */
            bucket: "hour" | "6h" | "day";
            start: components["schemas"]["Instant"];
            /** @description exclusive; the end of the current bucket */
            end: components["schemas"]["Instant"];
            /**
             * @description how the score is computed
             * @example likes + 2 × reposts + 3 × replies
             */
            score: string;
            totals: components["schemas"]["EngagementFigures"];
            tiers: components["schemas"]["TierEngagement"];
            buckets: components["schemas"]["EngagementBucket"][];
            top_handles: components["schemas"]["TopHandle"][];
            top_posts: components["schemas"]["TopPost"][];
        };
        WindowSummaryPage: {
            items: components["schemas"]["WindowSummary"][];
            next_cursor: string | null;
        };
        BasisWindow: {
            summary_key: string;
            window_type: string;
            window_start: components["schemas"]["Instant"];
            window_end: components["schemas"]["Instant"];
            post_count: number;
            significant_count: number;
        };
        NarrativeShift: {
            shift_key: string;
            basis_window_type: string;
            period_start: components["schemas"]["Instant"];
            period_end: components["schemas"]["Instant"];
            generated_at: components["schemas"]["Instant"];
            source_summary_keys: string[];
            emerging_themes: unknown[];
            declining_themes: unknown[];
            debate_intensity: unknown[];
            position_shifts: Record<string, never>;
            summary_text: string;
            source_version: string;
            /** @description the stored summaries of source_summary_keys, oldest window first (a key with no stored summary is left out) */
            basis_windows: components["schemas"]["BasisWindow"][];
        };
        NarrativeShiftPage: {
            items: components["schemas"]["NarrativeShift"][];
            next_cursor: string | null;
        };
    };
    responses: {
        /** @description The valid items are durably queued; invalid ones are listed and were not. */
        Accepted: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Acceptance"];
            };
        };
        /** @description Every item was refused (its identity unusable), or the queue refused the batch's contents; nothing was queued. */
        NothingValid: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Rejection"];
            };
        };
        /** @description The request or a parameter is malformed. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Missing or wrong shared secret. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Nothing here. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The route exists for another method. */
        MethodNotAllowed: {
            headers: {
                Allow?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Body over the limit, or the queue refused the batch's size. */
        TooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description An unexpected failure; `request_id` names its log line. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A dependency (queue, secret, database) is unavailable, or no secret is configured. */
        Unavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description ISO-8601 from 1970-01-01 to 9999-12-31; discovered_at >= since. Any filter left empty is not applied. */
        since: string;
        /** @description ISO-8601 from 1970-01-01 to 9999-12-31, not before since; discovered_at <= until */
        until: string;
        tier: "teammate" | "influencer" | "ecosystem" | "investor";
        /** @description one or more handles separated by spaces, @ optional, case-insensitive */
        handle: string;
        significant: "true" | "false";
        /** @description case-insensitive literal substring of body text or handle; control characters other than tab, line feed and carriage return are a 400 */
        q: string;
        /** @description hourly buckets for 24h, six-hour buckets for 7d, daily buckets for 30d and 90d (default 7d) */
        range: "24h" | "7d" | "30d" | "90d";
        /** @description IANA time zone the buckets follow, e.g. Europe/Berlin (default UTC) */
        tz: string;
        /** @description items per page, 1 to 100 (default 20) */
        historyLimit: string;
    };
    requestBodies: never;
    headers: {
        /** @description opaque tag of the feed's state for these filters */
        ETag: string;
        /** @description seconds to wait before retrying */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ingestPosts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["PostUpsert"][];
                };
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["NothingValid"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ingestMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["MetricsSnapshotUpsert"][];
                };
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["NothingValid"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ingestReports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["ReportUpsert"][];
                };
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["NothingValid"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ingestWatchAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["WatchAccountUpsert"][];
                };
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["NothingValid"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ingestEmbeddings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["EmbeddingUpsert"][];
                };
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["NothingValid"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ingestWindowSummaries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["WindowSummaryUpsert"][];
                };
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["NothingValid"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ingestNarrativeShifts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["NarrativeShiftUpsert"][];
                };
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["NothingValid"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ingestRun: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PipelineRunUpsert"];
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["NothingValid"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the batch_id an ingest route answered */
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The batch was applied. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service answers; `ok` is false when the database does not. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    feed: {
        parameters: {
            query?: {
                /** @description ISO-8601 from 1970-01-01 to 9999-12-31; discovered_at >= since. Any filter left empty is not applied. */
                since?: components["parameters"]["since"];
                /** @description ISO-8601 from 1970-01-01 to 9999-12-31, not before since; discovered_at <= until */
                until?: components["parameters"]["until"];
                tier?: components["parameters"]["tier"];
                /** @description one or more handles separated by spaces, @ optional, case-insensitive */
                handle?: components["parameters"]["handle"];
                significant?: components["parameters"]["significant"];
                /** @description case-insensitive literal substring of body text or handle; control characters other than tab, line feed and carriage return are a 400 */
                q?: components["parameters"]["q"];
                /** @description items per page, 1 to XMONITOR_MAX_FEED_LIMIT (default 50, max 200) */
                limit?: string;
                /** @description next_cursor of the previous page; bound to the same filters */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    feedLatest: {
        parameters: {
            query?: {
                /** @description ISO-8601 from 1970-01-01 to 9999-12-31; discovered_at >= since. Any filter left empty is not applied. */
                since?: components["parameters"]["since"];
                /** @description ISO-8601 from 1970-01-01 to 9999-12-31, not before since; discovered_at <= until */
                until?: components["parameters"]["until"];
                tier?: components["parameters"]["tier"];
                /** @description one or more handles separated by spaces, @ optional, case-insensitive */
                handle?: components["parameters"]["handle"];
                significant?: components["parameters"]["significant"];
                /** @description case-insensitive literal substring of body text or handle; control characters other than tab, line feed and carriage return are a 400 */
                q?: components["parameters"]["q"];
            };
            header?: {
                /** @description the ETag of an earlier answer */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest key (both fields null when nothing matches). */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LatestKey"];
                };
            };
            /** @description Nothing changed since the ETag sent. */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                statusId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The post. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    latestSummaries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Each is null until one exists. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rolling_2h: components["schemas"]["WindowSummary"];
                        rolling_12h: components["schemas"]["WindowSummary"];
                        items: components["schemas"]["WindowSummary"][];
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    watchAccounts: {
        parameters: {
            query?: {
                tier?: components["parameters"]["tier"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accounts by handle. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WatchAccount"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    trends: {
        parameters: {
            query?: {
                /** @description hourly buckets for 24h, six-hour buckets for 7d, daily buckets for 30d and 90d (default 7d) */
                range?: components["parameters"]["range"];
                /** @description IANA time zone the buckets follow, e.g. Europe/Berlin (default UTC) */
                tz?: components["parameters"]["tz"];
                tier?: components["parameters"]["tier"];
                /** @description one or more handles separated by spaces, @ optional, case-insensitive */
                handle?: components["parameters"]["handle"];
                significant?: components["parameters"]["significant"];
                /** @description case-insensitive literal substring of body text or handle; control characters other than tab, line feed and carriage return are a 400 */
                q?: components["parameters"]["q"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every bucket of the range, oldest first (empty buckets included). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Trends"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    engagement: {
        parameters: {
            query?: {
                /** @description hourly buckets for 24h, six-hour buckets for 7d, daily buckets for 30d and 90d (default 7d) */
                range?: components["parameters"]["range"];
                /** @description IANA time zone the buckets follow, e.g. Europe/Berlin (default UTC) */
                tz?: components["parameters"]["tz"];
                tier?: components["parameters"]["tier"];
                /** @description one or more handles separated by spaces, @ optional, case-insensitive */
                handle?: components["parameters"]["handle"];
                significant?: components["parameters"]["significant"];
                /** @description case-insensitive literal substring of body text or handle; control characters other than tab, line feed and carriage return are a 400 */
                q?: components["parameters"]["q"];
                /** @description how many top handles and top posts, 1 to 50 (default 10) */
                top?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Totals, every bucket oldest first, each tier, top handles and top posts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Engagement"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    windowSummaries: {
        parameters: {
            query?: {
                /** @description only summaries of this window type (e.g. rolling_2h); every type when left out */
                window_type?: string;
                /** @description items per page, 1 to 100 (default 20) */
                limit?: components["parameters"]["historyLimit"];
                /** @description next_cursor of the previous page; bound to the same window_type */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WindowSummaryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    narrativeShifts: {
        parameters: {
            query?: {
                /** @description only shifts computed from windows of this type; every type when left out */
                basis_window_type?: string;
                /** @description items per page, 1 to 100 (default 20) */
                limit?: components["parameters"]["historyLimit"];
                /** @description next_cursor of the previous page; bound to the same basis_window_type */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NarrativeShiftPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    reconcileCounts: {
        parameters: {
            query?: {
                /** @description ISO-8601 from 1970-01-01 to 9999-12-31; default 24 hours ago */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Counts per table. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconcileCounts"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
}
