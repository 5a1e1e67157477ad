import type { LatestSummaries, WindowSummary } from '../api/types';

/** The windows to show: the two named ones, then any other the API lists. */
export function summaryWindows(data: LatestSummaries): WindowSummary[] {
  const out: WindowSummary[] = [];
  for (const s of [data.rolling_2h, data.rolling_12h, ...(data.items ?? [])]) {
    if (s && !out.some((o) => o.summary_key === s.summary_key || o.window_type === s.window_type)) out.push(s);
  }
  return out;
}
