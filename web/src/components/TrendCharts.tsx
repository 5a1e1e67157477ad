import { useEffect, useEffectEvent, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { TIER_KEYS, type EngagementBucket, type TrendBucket } from '../api/types';
import type { Theme } from '../lib/theme';
import { bucketLabel, compactNumber, fullNumber } from '../lib/format';
import { significantShare, stackedTiers, TIER_LABELS } from '../lib/trends';

type Unit = 'hour' | '6h' | 'day';

interface ChartProps {
  /** Bucket starts and ends (ISO), oldest first. */
  spans: { start: string; end: string }[];
  unit: Unit;
  zone: string;
  theme: Theme;
  /** A bucket was clicked (its index). */
  onBucket?: (index: number) => void;
  label: string;
  testId: string;
  caption?: string;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** A #rrggbb colour at `alpha` (canvas takes no color-mix()). */
function withAlpha(color: string, alpha: number): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}${Math.round(alpha * 255).toString(16).padStart(2, '0')}` : color;
}

function heightFor(width: number): number {
  return width < 520 ? 190 : 240;
}

/**
 * A uPlot chart over buckets: created for the data, theme and zone, resized with its box,
 * destroyed when they change. A click on the plot names the bucket under the cursor.
 */
function BucketChart({ spans, unit, zone, theme, onBucket, label, testId, caption, build }: ChartProps & {
  build: (axis: uPlot.Axis, xSeries: uPlot.Series) => { data: uPlot.AlignedData; series: uPlot.Series[]; axes: uPlot.Axis[]; scales: uPlot.Scales };
}) {
  const ref = useRef<HTMLDivElement>(null);
  // The chart is built again when its buckets, zone or theme change, not on every render: the
  // latest builder and click handler are read when they are needed.
  const clicked = useEffectEvent((idx: number) => onBucket?.(idx));
  const built = useEffectEvent((axis: uPlot.Axis, xSeries: uPlot.Series) => build(axis, xSeries));

  useEffect(() => {
    const el = ref.current;
    if (!el || spans.length === 0) return;
    const axis: uPlot.Axis = {
      stroke: cssVar('--text-muted'),
      grid: { stroke: cssVar('--border'), width: 1 },
      ticks: { stroke: cssVar('--border'), width: 1 },
      font: '12px "Inter Variable", system-ui, sans-serif',
    };
    const xSeries: uPlot.Series = {
      label: unit === 'day' ? 'Day' : 'Time',
      value: (_u, _v, _si, idx) => (idx == null || !spans[idx] ? '–' : bucketLabel(spans[idx].start, spans[idx].end, unit, zone)),
    };
    const { data, series, axes, scales } = built(axis, xSeries);
    const width = Math.max(el.clientWidth, 240);
    const first = seconds(spans[0].start);
    const last = seconds(spans[spans.length - 1].end);
    const chart = new uPlot(
      {
        width,
        height: heightFor(width),
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        cursor: { points: { size: 7 }, drag: { x: false, y: false } },
        legend: { live: true },
        scales: { x: { time: true, range: () => [first, last] }, ...scales },
        series: [xSeries, ...series],
        axes: [{ ...axis, space: 60 }, ...axes],
      },
      data,
      el,
    );
    const click = () => {
      const idx = chart.cursor.idx;
      if (idx != null) clicked(idx);
    };
    chart.over.addEventListener('click', click);
    const resize = new ResizeObserver(() => {
      const w = Math.max(el.clientWidth, 240);
      chart.setSize({ width: w, height: heightFor(w) });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.over.removeEventListener('click', click);
      chart.destroy();
    };
  }, [spans, unit, zone, theme]);

  return (
    <figure className={`chart trend-chart${onBucket ? ' is-clickable' : ''}`} aria-label={label} data-testid={testId} data-buckets={spans.length}>
      <div ref={ref} className="chart-canvas" />
      {caption && <figcaption className="chart-caption">{caption}</figcaption>}
    </figure>
  );
}

const countValues = (_u: uPlot, values: number[]) => values.map((n) => (n == null ? '' : compactNumber(n)));

/** Bars of posts per bucket, stacked by tier (the first tier at the bottom). */
export function VolumeChart({ buckets, ...props }: Omit<ChartProps, 'spans' | 'label' | 'testId'> & { buckets: TrendBucket[] }) {
  const build = (axis: uPlot.Axis) => {
    const stacks = stackedTiers(buckets);
    const bars = uPlot.paths.bars!({ size: [0.86, 64], align: 1 });
    // Drawn from the whole stack down to the first tier, so each tier's band shows above the one below it.
    const order = [...TIER_KEYS.keys()].reverse();
    return {
      data: [buckets.map((b) => seconds(b.start)), ...order.map((i) => stacks[i])] as uPlot.AlignedData,
      series: order.map((i) => {
        const tier = TIER_KEYS[i];
        const color = cssVar(`--chart-tier-${tier}`);
        return {
          label: TIER_LABELS[tier],
          stroke: color,
          fill: color,
          width: 0,
          paths: bars,
          points: { show: false },
          value: (_u: uPlot, _v: number | null, _si: number, idx: number | null) =>
            idx == null || !buckets[idx] ? '–' : fullNumber(buckets[idx].tiers[tier].posts),
        } satisfies uPlot.Series;
      }),
      axes: [{ ...axis, values: countValues, size: 48 }],
      scales: { y: { range: (_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.1 : 1] as uPlot.Range.MinMax } },
    };
  };
  return <BucketChart {...props} spans={buckets} build={build} label="Posts per bucket, stacked by tier" testId="volume-chart" />;
}

/** The share of each bucket's posts that are significant. */
export function ShareChart({ buckets, ...props }: Omit<ChartProps, 'spans' | 'label' | 'testId'> & { buckets: TrendBucket[] }) {
  const build = (axis: uPlot.Axis) => {
    const color = cssVar('--chart-significant');
    return {
      data: [buckets.map((b) => seconds(b.start)), buckets.map((b) => significantShare(b))] as uPlot.AlignedData,
      series: [
        {
          label: 'Significant',
          stroke: color,
          fill: withAlpha(color, 0.16),
          width: 2,
          spanGaps: false,
          points: { show: buckets.length <= 40, size: 5, fill: color },
          value: (_u: uPlot, v: number | null, _si: number, idx: number | null) =>
            v == null || idx == null || !buckets[idx]
              ? '–'
              : `${v.toFixed(1)} % (${fullNumber(buckets[idx].significant)} of ${fullNumber(buckets[idx].posts)})`,
        } satisfies uPlot.Series,
      ],
      axes: [{ ...axis, values: (_u: uPlot, values: number[]) => values.map((v) => `${v} %`), size: 52 }],
      scales: { y: { range: [0, 100] as uPlot.Range.MinMax } },
    };
  };
  return <BucketChart {...props} spans={buckets} build={build} label="Share of significant posts per bucket" testId="share-chart" />;
}

const ENGAGEMENT_SERIES = [
  { key: 'score', label: 'Score', color: '--chart-score', width: 2.5 },
  { key: 'likes', label: 'Likes', color: '--chart-likes', width: 1.5 },
  { key: 'reposts', label: 'Reposts', color: '--chart-reposts', width: 1.5 },
  { key: 'replies', label: 'Replies', color: '--chart-replies', width: 1.5 },
  { key: 'views', label: 'Views', color: '--chart-views', width: 1.5 },
] as const;

/** Score, likes, reposts and replies per bucket on the left axis; views, far larger, on the right. */
export function EngagementChart({ buckets, ...props }: Omit<ChartProps, 'spans' | 'label' | 'testId'> & { buckets: EngagementBucket[] }) {
  const build = (axis: uPlot.Axis) => ({
    data: [buckets.map((b) => seconds(b.start)), ...ENGAGEMENT_SERIES.map((s) => buckets.map((b) => b[s.key]))] as uPlot.AlignedData,
    series: ENGAGEMENT_SERIES.map((s) => ({
      label: s.label,
      scale: s.key === 'views' ? 'views' : 'y',
      stroke: cssVar(s.color),
      width: s.width,
      dash: s.key === 'views' ? [4, 4] : undefined,
      points: { show: buckets.length <= 40, size: 5, fill: cssVar(s.color) },
      value: (_u: uPlot, v: number | null) => (v == null ? '–' : fullNumber(v)),
    })),
    axes: [
      { ...axis, scale: 'y', values: countValues, size: 52 },
      { ...axis, scale: 'views', side: 1, values: countValues, size: 52, grid: { show: false } },
    ],
    scales: {
      y: { range: (_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.1 : 1] as uPlot.Range.MinMax },
      views: { range: (_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.1 : 1] as uPlot.Range.MinMax },
    },
  });
  return <BucketChart {...props} spans={buckets} build={build} label="Engagement per bucket" testId="engagement-chart" />;
}
