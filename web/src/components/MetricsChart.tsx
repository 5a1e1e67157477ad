import { useEffect, useId, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricsSnapshot } from '../api/types';
import { chartTimeRange } from '../lib/chartRange';
import type { Theme } from '../lib/theme';
import { compactNumber } from '../lib/format';

type Metric = 'likes' | 'reposts' | 'replies' | 'views';

interface Panel {
  key: string;
  label: string;
  height: number;
  series: { key: Metric; label: string; color: string }[];
}

/**
 * Two panels over one time axis: likes, reposts and replies, then views on a scale of their own.
 * On one chart, even with views on a second axis, views that are a steady multiple of likes
 * would draw exactly over the likes line.
 */
const PANELS: Panel[] = [
  {
    key: 'engagement',
    label: 'Likes, reposts and replies',
    height: 170,
    series: [
      { key: 'likes', label: 'Likes', color: '--chart-likes' },
      { key: 'reposts', label: 'Reposts', color: '--chart-reposts' },
      { key: 'replies', label: 'Replies', color: '--chart-replies' },
    ],
  },
  { key: 'views', label: 'Views', height: 120, series: [{ key: 'views', label: 'Views', color: '--chart-views' }] },
];

export function MetricsChart({ snapshots, theme, zone }: { snapshots: MetricsSnapshot[]; theme: Theme; zone: string }) {
  const refs = useRef<(HTMLDivElement | null)[]>([]);
  const syncKey = useId();
  const [shown, setShown] = useState<[number, number] | null>(null);

  useEffect(() => {
    const css = getComputedStyle(document.documentElement);
    const v = (name: string) => css.getPropertyValue(name).trim();
    const points = [...snapshots].sort((a, b) => Date.parse(a.snapshot_at) - Date.parse(b.snapshot_at));
    const times = points.map((s) => Date.parse(s.snapshot_at) / 1000);
    const [from, to] = chartTimeRange(times);
    const axis = { stroke: v('--text-muted'), grid: { stroke: v('--border'), width: 1 }, ticks: { stroke: v('--border'), width: 1 }, font: '12px "Inter Variable", system-ui, sans-serif' };
    const countValues = (_u: uPlot, values: number[]) => values.map((n) => (n == null ? '' : compactNumber(n)));
    const charts: uPlot[] = [];
    const observers: ResizeObserver[] = [];
    PANELS.forEach((panel, index) => {
      const el = refs.current[index];
      if (!el) return;
      const last = index === PANELS.length - 1;
      const opts: uPlot.Options = {
        width: Math.max(el.clientWidth, 200),
        height: panel.height,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        cursor: { points: { size: 7 }, sync: { key: syncKey } },
        legend: { live: true },
        scales: {
          x: { time: true, range: () => [from, to] },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        },
        series: [
          { label: 'Time' },
          ...panel.series.map((s) => ({
            label: s.label,
            stroke: v(s.color),
            width: 2,
            points: { show: true, size: 6, fill: v(s.color) },
            value: (_u: uPlot, n: number | null) => (n == null ? '–' : compactNumber(n)),
          })),
        ],
        // The time axis is labelled once, under the last panel.
        axes: [last ? { ...axis } : { ...axis, size: 8, values: () => [] }, { ...axis, values: countValues, size: 56, space: 24 }],
        hooks: last ? { setScale: [(u, key) => key === 'x' && setShown([u.scales.x.min ?? from, u.scales.x.max ?? to])] } : {},
      };
      const data: uPlot.AlignedData = [times, ...panel.series.map((s) => points.map((p) => p[s.key]))];
      const chart = new uPlot(opts, data, el);
      charts.push(chart);
      const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(el.clientWidth, 200), height: panel.height }));
      resize.observe(el);
      observers.push(resize);
    });
    return () => {
      observers.forEach((o) => o.disconnect());
      charts.forEach((c) => c.destroy());
    };
  }, [snapshots, theme, zone, syncKey]);

  return (
    <figure
      className="chart"
      aria-label="Likes, reposts and replies, and views, over time"
      data-testid="metrics-chart"
      data-points={snapshots.length}
      data-shown-from={shown ? new Date(shown[0] * 1000).toISOString() : undefined}
      data-shown-to={shown ? new Date(shown[1] * 1000).toISOString() : undefined}
    >
      {PANELS.map((panel, index) => (
        <div key={panel.key} className="chart-panel" data-testid={`chart-${panel.key}`} aria-label={panel.label}>
          <div
            ref={(el) => {
              refs.current[index] = el;
            }}
            className="chart-canvas"
          />
        </div>
      ))}
      <figcaption className="chart-caption">Views have a panel and a scale of their own.</figcaption>
    </figure>
  );
}
