/** The tab's title: what a background tab tells the reader about the page. */
import { useEffect } from 'react';

const APP = 'XMonitor';

/**
 * "(3) Feed · Tier: investor, Last 24 hours — XMonitor": the count of new posts waiting (when
 * any), the view, and its filters in short.
 */
export function pageTitle(view: string, filters: string[] = [], waiting = 0): string {
  const count = waiting > 0 ? `(${waiting > 999 ? '999+' : waiting}) ` : '';
  const detail = filters.length ? ` · ${filters.join(', ')}` : '';
  return `${count}${view}${detail} — ${APP}`;
}

export function usePageTitle(view: string, filters: string[] = [], waiting = 0) {
  const title = pageTitle(view, filters, waiting);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
