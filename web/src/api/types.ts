/**
 * Shapes of the XMonitor read API: the contract's own (openapi.gen.ts, generated from
 * docs/openapi.v1.yaml, checked by the build), and a few the dashboard reads more exactly than
 * the contract states them.
 */
import type { components } from './openapi.gen';

type Schemas = components['schemas'];

export type Tier = Schemas['Tier'];
export const TIERS = ['teammate', 'influencer', 'ecosystem', 'investor'] as const satisfies readonly Tier[];

export type FeedItem = Schemas['FeedItem'];
export type FeedPage = Schemas['FeedPage'];
export type LatestKey = Schemas['LatestKey'];
/** The contract's snapshot; a newer collector may send a type this dashboard does not know yet. */
export type MetricsSnapshot = Omit<Schemas['MetricsSnapshot'], 'snapshot_type'> & { snapshot_type: Schemas['MetricsSnapshot']['snapshot_type'] | (string & {}) };
export type Report = NonNullable<Schemas['Report']>;
export type PostDetail = Omit<Schemas['PostDetail'], 'snapshots'> & { snapshots: MetricsSnapshot[] };

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

export type WatchAccount = Schemas['WatchAccount'];
export type Health = Schemas['Health'];

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
