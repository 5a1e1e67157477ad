import { describe, expect, it } from 'vitest';
import { chartTimeRange } from './chartRange';

describe('chartTimeRange', () => {
  it('puts a single snapshot in the middle of two hours', () => {
    const t = Date.parse('2026-11-23T10:00:00Z') / 1000;
    expect(chartTimeRange([t])).toEqual([t - 3600, t + 3600]);
  });

  it('shows every snapshot with room at both ends', () => {
    const times = Array.from({ length: 7 }, (_, i) => 1_800_000_000 + i * 7_200 + (i % 3) * 97);
    for (const count of [2, 3, 7]) {
      const some = times.slice(0, count).reverse();
      const [from, to] = chartTimeRange(some);
      const first = Math.min(...some);
      const last = Math.max(...some);
      expect(from).toBeLessThan(first);
      expect(to).toBeGreaterThan(last);
      expect(first - from).toBeCloseTo(to - last);
      expect(to - from).toBeLessThan((last - first) * 1.1 + 2 * 3600 + 1);
    }
  });

  it('leaves at least an hour at each end, and 4% of a longer span', () => {
    const start = 1_800_000_000;
    expect(chartTimeRange([start, start + 86_400])).toEqual([start - 3_600, start + 86_400 + 3_600]);
    const week = 7 * 86_400;
    expect(chartTimeRange([start + week, start])).toEqual([start - 0.04 * week, start + week + 0.04 * week]);
  });
});
