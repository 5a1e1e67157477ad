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
  /** A SnapshotType, or a type a newer collector sends. */
  snapshot_type: string;
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

/** The ranges of /v1/trends and /v1/engagement: hourly, six-hourly and daily buckets. */
export const TREND_RANGES = ['24h', '7d', '30d', '90d'] as const;
export type TrendRange = (typeof TREND_RANGES)[number];

/** Every tier, and `none` for posts without one, as breakdowns list them. */
export const TIER_KEYS = [...TIERS, 'none'] as const;
export type TierKey = (typeof TIER_KEYS)[number];

export interface PostCounts {
  posts: number;
  significant: number;
}

export interface TrendBucket extends PostCounts {
  start: string;
  /** Exclusive. */
  end: string;
  tiers: Record<TierKey, PostCounts>;
}

interface RangeAnswer {
  range: TrendRange;
  time_zone: string;
  bucket: 'hour' | '6h' | 'day';
  start: string;
  end: string;
}

export interface Trends extends RangeAnswer {
  totals: PostCounts;
  tiers: Record<TierKey, PostCounts>;
  buckets: TrendBucket[];
}

export interface EngagementFigures extends PostCounts {
  likes: number;
  reposts: number;
  replies: number;
  views: number;
  score: number;
}

export interface EngagementBucket extends EngagementFigures {
  start: string;
  end: string;
}

export interface TopHandle extends EngagementFigures {
  handle: string;
}

export interface TopPost {
  score: number;
  post: FeedItem;
}

export interface Engagement extends RangeAnswer {
  /** How the score is computed, e.g. "likes + 2 × reposts + 3 × replies". */
  score: string;
  totals: EngagementFigures;
  tiers: Record<TierKey, EngagementFigures>;
  buckets: EngagementBucket[];
  top_handles: TopHandle[];
  top_posts: TopPost[];
}

export interface WindowSummaryPage {
  items: WindowSummary[];
  next_cursor: string | null;
}

export interface BasisWindow {
  summary_key: string;
  window_type: string;
  window_start: string;
  window_end: string;
  post_count: number;
  significant_count: number;
}

export interface NarrativeShift {
  shift_key: string;
  basis_window_type: string;
  period_start: string;
  period_end: string;
  generated_at: string;
  source_summary_keys: string[];
  emerging_themes: unknown[];
  declining_themes: unknown[];
  debate_intensity: unknown[];
  position_shifts: Record<string, unknown>;
  summary_text: string;
  source_version: string;
  basis_windows: BasisWindow[];
}

export interface NarrativeShiftPage {
  items: NarrativeShift[];
  next_cursor: string | null;
}
