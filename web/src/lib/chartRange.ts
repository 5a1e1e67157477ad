/**
 * The time span a metrics chart shows for snapshots taken at `times` (epoch seconds): all of them
 * with a little room at both ends, and a single snapshot in the middle of two hours (left to
 * itself, the chart library stretches one point over a thousand days and puts it at the edge).
 */
export function chartTimeRange(times: number[]): [number, number] {
  if (times.length === 0) return [0, 1];
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max(3600, (last - first) * 0.04);
  return [first - pad, last + pad];
}
