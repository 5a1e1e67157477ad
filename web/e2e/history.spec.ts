import type { Page } from '@playwright/test';
import { expect, pollEvery, screenshots, test, type Api } from './fixtures';

interface Summary {
  summary_key: string;
  window_type: string;
  window_start: string;
  window_end: string;
  post_count: number;
}
interface Shift {
  shift_key: string;
  period_start: string;
  period_end: string;
  summary_text: string;
  basis_windows: { summary_key: string; window_start: string; window_end: string }[];
}
interface Page_<T> {
  items: T[];
  next_cursor: string | null;
}

/** Every item of a history route, newest first, following its cursors. */
async function history<T>(api: Api, route: string, params: Record<string, string> = {}): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page_<T> = await api.get<Page_<T>>(route, { ...params, limit: '100', ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

/**
 * Asks for older items until the list says it has them all. Waits for the first page before
 * looking for either control, and for each page's items before asking for the next.
 */
async function loadAll(page: Page, older: string, end: string, item: string) {
  const ready = page.locator(`[data-testid="${older}"]:enabled`);
  const endNote = page.getByTestId(end);
  const items = page.getByTestId(item);
  for (let pages = 1; pages <= 100; pages++) {
    await expect(ready.or(endNote)).toBeVisible();
    if (await endNote.isVisible()) return;
    const shown = await items.count();
    await ready.click();
    await expect.poll(() => items.count()).toBeGreaterThan(shown);
  }
  throw new Error(`${end} did not show after 100 pages`);
}

/** Asks for older items until {@code pages} pages of 20 show. */
async function olderPages(page: Page, older: string, card: string, pages: number, total: number) {
  await expect(page.getByTestId(card)).toHaveCount(Math.min(total, 20));
  for (let i = 1; i < pages; i++) {
    await page.getByTestId(older).click();
    await expect(page.getByTestId(card)).toHaveCount(Math.min(total, 20 * (i + 1)));
  }
}

test('summaries show the history newest first, page by page, each window linking to its posts', async ({ page, api }) => {
  const all = await history<Summary>(api, '/v1/window-summaries');
  expect(all.length).toBeGreaterThan(2);
  await page.goto('/summaries');
  // The demo month holds a summary of each type every hour: the first five pages of all of them
  // (the shifts' test follows a history to its end).
  await olderPages(page, 'summaries-older', 'summary-card', 5, all.length);
  const shown = all.slice(0, 100);
  const keys = () => page.getByTestId('summary-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-summary-key')));
  expect(await keys()).toEqual(shown.map((s) => s.summary_key));
  const counts = await page.getByTestId('summary-post-count').allTextContents();
  expect(counts).toEqual(shown.map((s) => s.post_count.toLocaleString('en')));

  // One window type, its first three pages.
  await page.getByRole('radio', { name: '12 hours' }).check({ force: true });
  await expect(page).toHaveURL(/\/summaries\?window_type=rolling_12h$/);
  const twelve = await history<Summary>(api, '/v1/window-summaries', { window_type: 'rolling_12h' });
  await expect.poll(keys).toEqual(twelve.slice(0, 20).map((s) => s.summary_key));
  await olderPages(page, 'summaries-older', 'summary-card', 3, twelve.length);
  expect(await keys()).toEqual(twelve.slice(0, 60).map((s) => s.summary_key));

  // A window's posts in the feed: its span, the same posts the API gives for it.
  const window = twelve[0];
  await page.getByTestId('summary-card').first().getByTestId('summary-feed-link').click();
  const url = new URL(page.url());
  expect(url.pathname).toBe('/');
  expect(url.searchParams.get('since')).toBe(window.window_start);
  expect(url.searchParams.get('until')).toBe(window.window_end);
  const posts = await api.allPosts({ since: window.window_start, until: window.window_end });
  if (posts.length > 0) {
    await expect(page.locator('[data-post-card]').first()).toHaveAttribute('data-status-id', posts[0].status_id);
  } else {
    await expect(page.getByTestId('feed-empty')).toBeVisible();
  }
});

test('summaries refresh themselves: a new window appears at the top while the page is open', async ({ page, api }) => {
  await page.goto('/summaries');
  await expect(page.getByTestId('summary-card').first()).toBeVisible();
  const end = new Date();
  const start = new Date(end.getTime() - 2 * 3_600_000);
  const key = `rolling_2h:e2e-refresh:${end.toISOString()}`;
  await api.ingest('window-summaries', [
    {
      summary_key: key,
      window_type: 'rolling_2h',
      window_start: start.toISOString(),
      window_end: end.toISOString(),
      generated_at: end.toISOString(),
      post_count: 3,
      significant_count: 1,
      summary_text: 'A window that arrived while the page was open.',
    },
  ]);
  await expect(page.getByTestId('summary-card').first()).toHaveAttribute('data-summary-key', key, { timeout: 20_000 });
  await expect(page.getByTestId('summary-card').first()).toContainText('A window that arrived while the page was open.');
});

test('narrative shifts are a timeline of the API’s shifts with their basis windows', async ({ page, api }) => {
  const shifts = await history<Shift>(api, '/v1/narrative-shifts');
  expect(shifts.length).toBeGreaterThan(0);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shifts' }).click();
  await expect(page).toHaveURL(/\/shifts$/);
  await loadAll(page, 'shifts-older', 'shifts-end', 'shift');
  const shown = page.getByTestId('shift');
  expect(await shown.evaluateAll((items) => items.map((i) => i.getAttribute('data-shift-key')))).toEqual(shifts.map((s) => s.shift_key));
  expect(await page.getByTestId('shift-text').allTextContents()).toEqual(shifts.map((s) => s.summary_text));
  for (const [i, shift] of shifts.slice(0, 3).entries()) {
    await expect(shown.nth(i).locator('[data-testid="basis-windows"] li')).toHaveCount(shift.basis_windows.length);
  }
  const withWindows = shifts.findIndex((s) => s.basis_windows.length > 0);
  expect(withWindows, 'the demo data has a shift with basis windows').toBeGreaterThanOrEqual(0);
  const basis = shifts[withWindows].basis_windows[0];
  await shown.nth(withWindows).locator('[data-testid="basis-windows"] a').first().click();
  await expect(page).toHaveURL(/since=/);
  const url = new URL(page.url());
  expect(url.searchParams.get('since')).toBe(basis.window_start);
  expect(url.searchParams.get('until')).toBe(basis.window_end);
});

/** Nothing wider than the window: the page never scrolls sideways. */
function fits(page: Page, name: string) {
  return async (device: string) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} ${device} fits`).toBeLessThanOrEqual(0);
}

test('summaries and shifts in both themes at desktop and phone width (screenshots)', async ({ page }) => {
  for (const [route, name, ready] of [
    ['/summaries', 'summaries', 'summary-card'],
    ['/shifts', 'shifts', 'shift'],
  ] as const) {
    await page.goto(route);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    await screenshots(page, `${name}-light`, { fullPage: true, atEachWidth: fits(page, `${name}-light`) });
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await screenshots(page, `${name}-dark`, { fullPage: true, atEachWidth: fits(page, `${name}-dark`) });
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  }
});

/** Enough shifts for a third page (the demo month has five): periods long before the demo's. */
async function oldShifts(api: Api) {
  const old = (k: number) => new Date(Date.UTC(2020, 0, 1 + 5 * k)).toISOString();
  await api.ingest(
    'narrative-shifts',
    Array.from({ length: 40 }, (_, k) => ({
      shift_key: `e2e-older-pages:${k}`,
      basis_window_type: 'rolling_12h',
      period_start: old(k),
      period_end: old(k + 1),
      generated_at: old(k + 1),
      summary_text: `An old shift, number ${k}.`,
    })),
  );
  await expect.poll(async () => (await history<Shift>(api, '/v1/narrative-shifts')).length).toBeGreaterThan(40);
}

test('an older page of summaries or shifts that fails says why under the list; Retry loads it, and a refused cursor starts over', async ({ page, api }) => {
  await oldShifts(api);
  // Lists refresh themselves: none while this runs, so every request is one the test makes.
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...((await response.json()) as object), poll_interval_ms: 3_600_000 } });
  });

  let answer: 'fail' | 'refuse' | 'pass' = 'pass';
  // A page asked for while this holds waits for it to be released.
  let held: Promise<void> = Promise.resolve();
  await page.route(/\/v1\/(window-summaries|narrative-shifts)\?.*cursor=/, async (route) => {
    await held;
    return answer === 'fail'
      ? route.fulfill({ status: 503, json: { error: 'the database is away' } })
      : answer === 'refuse'
        ? route.fulfill({ status: 400, json: { error: 'cursor: not one this API issued' } })
        : route.fallback();
  });
  for (const [path, route, older, item] of [
    ['/summaries', '/v1/window-summaries', 'summaries-older', 'summary-card'],
    ['/shifts', '/v1/narrative-shifts', 'shifts-older', 'shift'],
  ] as const) {
    expect((await api.get<Page_<unknown>>(route, { limit: '40' })).next_cursor, `${route} has a third page`).not.toBeNull();
    await page.goto(path);
    await expect(page.getByTestId(item)).toHaveCount(20);
    const error = page.getByTestId('older-page-error');

    answer = 'fail';
    await page.getByTestId(older).click();
    await expect(error).toContainText(`Older ${path.slice(1)} could not be loaded`);
    await expect(error).toContainText('the database is away');
    await expect(page.getByTestId(item)).toHaveCount(20);
    await expect(page.getByTestId(older)).toHaveCount(0);
    answer = 'pass';
    let release: () => void = () => {};
    held = new Promise((resolve) => (release = resolve));
    await error.getByRole('button', { name: 'Retry' }).click();
    // While the page is on its way, the button says so and cannot be pressed again.
    const retrying = error.getByRole('button', { name: 'Loading…' });
    await expect(retrying).toBeDisabled();
    await expect(retrying).toHaveAttribute('aria-busy', 'true');
    release();
    await expect(page.getByTestId(item)).toHaveCount(40);
    await expect(error).toHaveCount(0);

    answer = 'refuse';
    await page.getByTestId(older).click();
    await expect(error).toContainText('cursor: not one this API issued');
    await expect(error.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(page.getByTestId(item)).toHaveCount(40);
    answer = 'pass';
    await error.getByRole('button', { name: 'Start over' }).click();
    await expect(error).toHaveCount(0);
    await expect(page.getByTestId(item)).toHaveCount(20);
    await expect(page.getByTestId(older)).toBeEnabled();
  }
});

test("a refresh of summaries or shifts keeps the line of an older page that failed, until the reader asks for it again", async ({ page, api }) => {
  await oldShifts(api);
  // The loaded page refreshes every four polls: a refresh every 1.2 s.
  const pollIntervalMs = 300;
  await pollEvery(page, pollIntervalMs);
  let failing = false;
  await page.route(/\/v1\/(window-summaries|narrative-shifts)\?.*cursor=/, (route) =>
    failing ? route.fulfill({ status: 503, json: { error: 'the database is away' } }) : route.fallback(),
  );
  for (const [path, endpoint, older, item] of [
    ['/summaries', '/v1/window-summaries', 'summaries-older', 'summary-card'],
    ['/shifts', '/v1/narrative-shifts', 'shifts-older', 'shift'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByTestId(item)).toHaveCount(20);
    const error = page.getByTestId('older-page-error');
    failing = true;
    await page.getByTestId(older).click();
    await expect(error).toContainText('the database is away');

    // Two answered refreshes of the loaded page: the first one's answer is on the page by the time
    // the second arrives.
    const refreshed = (response: { url: () => string; status: () => number }) =>
      response.url().includes(endpoint) && !response.url().includes('cursor=') && response.status() === 200;
    const refresh = { timeout: 5 * 4 * pollIntervalMs };
    await page.waitForResponse(refreshed, refresh);
    await page.waitForResponse(refreshed, refresh);
    await expect(error, `${path}: the failure is still said after a refresh`).toContainText('the database is away');
    await expect(page.getByTestId(older)).toHaveCount(0);

    failing = false;
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId(item)).toHaveCount(40);
    await expect(error).toHaveCount(0);
  }
});
