import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricsSnapshot } from '../api/types';
import type { Theme } from '../lib/theme';
import { compactNumber } from '../lib/format';

const SERIES = [
  { key: 'likes', label: 'Likes', color: '--chart-likes' },
  { key: 'reposts', label: 'Reposts', color: '--chart-reposts' },
  { key: 'replies', label: 'Replies', color: '--chart-replies' },
  { key: 'views', label: 'Views', color: '--chart-views' },
] as const;

const HEIGHT = 220;

/** Likes, reposts and replies on the left axis, views (usually far larger) on the right. */
export function MetricsChart({ snapshots, theme, zone }: { snapshots: MetricsSnapshot[]; theme: Theme; zone: string }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const css = getComputedStyle(document.documentElement);
    const v = (name: string) => css.getPropertyValue(name).trim();
    const points = [...snapshots].sort((a, b) => Date.parse(a.snapshot_at) - Date.parse(b.snapshot_at));
    const data: uPlot.AlignedData = [
      points.map((s) => Date.parse(s.snapshot_at) / 1000),
      ...SERIES.map((s) => points.map((p) => p[s.key])),
    ];
    const axis = { stroke: v('--text-muted'), grid: { stroke: v('--border'), width: 1 }, ticks: { stroke: v('--border'), width: 1 }, font: '12px "Inter Variable", system-ui, sans-serif' };
    const countValues = (_u: uPlot, values: number[]) => values.map((n) => (n == null ? '' : compactNumber(n)));
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height: HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
      cursor: { points: { size: 7 } },
      legend: { live: true },
      scales: {
        x: { time: true, ...(points.length === 1 ? { range: (_u, min, max) => [min - 3600, max + 3600] } : {}) },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        views: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      series: [
        { label: 'Time' },
        ...SERIES.map((s) => ({
          label: s.label,
          scale: s.key === 'views' ? 'views' : 'y',
          stroke: v(s.color),
          width: 2,
          points: { show: true, size: 6, fill: v(s.color) },
          value: (_u: uPlot, n: number | null) => (n == null ? '–' : compactNumber(n)),
        })),
      ],
      axes: [
        { ...axis },
        { ...axis, scale: 'y', values: countValues, size: 52 },
        { ...axis, scale: 'views', side: 1, values: countValues, size: 56, grid: { show: false } },
      ],
    };
    const chart = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(el.clientWidth, 200), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [snapshots, theme, zone]);

  return (
    <figure className="chart" aria-label="Likes, reposts, replies and views over time" data-testid="metrics-chart" data-points={snapshots.length}>
      <div ref={ref} className="chart-canvas" />
      <figcaption className="chart-caption">Views use the right-hand axis.</figcaption>
    </figure>
  );
}
