/** Shapes of the XMonitor read API (docs/openapi.v1.yaml). */

export const TIERS = ['teammate', 'influencer', 'ecosystem', 'investor'] as const;
export type Tier = (typeof TIERS)[number];

export interface FeedItem {
  status_id: string;
  discovered_at: string;
  author_handle: string;
  /** Not in the v1 contract yet; shown when the API starts sending it. */
  author_display?: string | null;
  watch_tier: Tier | null;
  body_text: string | null;
  url: string;
  is_significant: boolean;
  significance_reason: string | null;
  likes: number;
  reposts: number;
  replies: number;
  views: number;
  reported_at: string | null;
}

export interface FeedPage {
  items: FeedItem[];
  next_cursor: string | null;
}

export interface LatestKey {
  status_id: string | null;
  discovered_at: string | null;
}

export type SnapshotType = 'initial_capture' | 'latest_observed' | 'refresh_24h';

export interface MetricsSnapshot {
  snapshot_type: SnapshotType | string;
  snapshot_at: string;
  likes: number;
  reposts: number;
  replies: number;
  views: number;
  source: string | null;
}

export interface Report {
  reported_at: string;
  channel: string | null;
  summary: string | null;
  destination: string | null;
}

export interface PostDetail {
  post: FeedItem;
  snapshots: MetricsSnapshot[];
  report: Report | null;
}

export type JsonObject = Record<string, unknown>;

export interface WindowSummary {
  summary_key: string;
  window_type: string;
  window_start: string;
  window_end: string;
  generated_at: string;
  post_count: number;
  significant_count: number;
  tier_counts: Record<string, number>;
  /** Objects from today's collector; older ones sent plain strings, stored as given. */
  top_themes: unknown[];
  debates: unknown[];
  top_authors: unknown[];
  notable_posts: unknown[];
  summary_text: string;
  source_version: string;
}

export interface LatestSummaries {
  rolling_2h: WindowSummary | null;
  rolling_12h: WindowSummary | null;
  /** Being added beside the two named windows. */
  items?: WindowSummary[];
}

export interface WatchAccount {
  handle: string;
  tier: Tier;
  note: string | null;
  added_at: string;
}

export interface Health {
  ok: boolean;
  service: string;
  version: string;
  database: 'ok' | 'error' | 'not_configured';
  timestamp: string;
  duration_ms: number;
  environment: string;
}
