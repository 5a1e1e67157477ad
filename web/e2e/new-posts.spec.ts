import type { Page } from '@playwright/test';
import { expect, loadedCount, loadWholeFeed, shownIds, test, uniqueStatusId, type FeedItem, type FeedPage } from './fixtures';

test('a post ingested through the API appears behind "N new posts" and is prepended keeping the scroll position', async ({ page, api }) => {
  const before = await readFurtherDown(page);
  await expect(page.getByTestId('new-posts')).toHaveCount(0);

  const handle = `newcomer_${Date.now() % 100000}`;
  const first = await api.ingestPost({ author_handle: handle, body_text: 'Fresh post from the browser test, first of two.' });
  const second = await api.ingestPost({ author_handle: handle, body_text: 'Fresh post from the browser test, second of two.' });

  const pill = page.getByTestId('new-posts');
  await expect(pill).toHaveText('2 new posts');
  await expect(pill).toBeInViewport();
  // Nothing moved while they waited.
  expect(await shownIds(page, before.length)).toEqual(before);

  await showArrivalsKeepingTheTopPost(page);
  await expect.poll(() => shownIds(page, before.length + 2)).toEqual([second.status_id, first.status_id, ...before]);

  // No duplicates, and more pages still follow on without a gap: three pages as the API has them.
  const ids = await shownIds(page, 150);
  expect(ids.length).toBeGreaterThan(before.length + 2);
  expect(ids).toEqual((await api.get<FeedPage>('/v1/feed', { limit: '150' })).items.slice(0, ids.length).map((i) => i.status_id));
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator(`[data-post-card][data-status-id="${second.status_id}"]`)).toContainText('second of two');
});

test('more new posts than the list draws go in above the post being read, which stays where it was', async ({ page, api }) => {
  const before = await readFurtherDown(page);

  // Three times the cards drawn, in one batch, the newest last.
  const count = 3 * (await page.locator('[data-post-card]').count());
  const now = Date.now();
  const arrivals = Array.from({ length: count }, (_, i) => {
    const statusId = uniqueStatusId();
    const at = new Date(now - (count - i) * 10).toISOString();
    const handle = `arrival${i}`;
    return { status_id: statusId, url: `https://x.com/${handle}/status/${statusId}`, author_handle: handle, body_text: `Arrival ${i} of ${count}.`, discovered_at: at, last_seen_at: at };
  });
  await api.ingest('posts', arrivals);
  const newestFirst = arrivals.map((a) => a.status_id).reverse();
  const newest = async () => (await api.get<FeedPage>('/v1/feed', { limit: String(count) })).items.map((i) => i.status_id);
  await expect.poll(newest, { timeout: 20_000 }).toEqual(newestFirst);
  await expect(page.getByTestId('new-posts')).toHaveText(`${count} new posts`);

  await showArrivalsKeepingTheTopPost(page);
  await expect.poll(() => shownIds(page, count + before.length)).toEqual([...newestFirst, ...before]);
});

/**
 * Clicks the new-posts pill and checks that the post at the top of the viewport stays where it
 * was, to the pixel, the page having grown above it.
 */
/** Opens the feed and scrolls a reader's way down it; answers the first page's posts. */
async function readFurtherDown(page: Page) {
  await page.goto('/');
  await expect.poll(() => loadedCount(page)).toBe(50);
  const firstPage = await shownIds(page, 50);
  await page.mouse.move(700, 450);
  await page.mouse.wheel(0, 2000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  return firstPage;
}

async function showArrivalsKeepingTheTopPost(page: Page) {
  const anchor = await page.evaluate(() => {
    // The first card not hidden under the sticky top bar: the one being read.
    const header = document.querySelector('.topbar')!.getBoundingClientRect().bottom;
    const card = [...document.querySelectorAll<HTMLElement>('[data-post-card]')].find((c) => c.getBoundingClientRect().bottom > header)!;
    return { id: card.dataset.statusId!, top: card.getBoundingClientRect().top, scrollY: window.scrollY };
  });
  const pill = page.getByTestId('new-posts');
  // Clicked where it is, as a reader does: Playwright's own click may first scroll the sticky pill "into view".
  const box = (await pill.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(pill).toHaveCount(0);
  // Two frames on: a post that was not drawn is scrolled to first and then set in place by its card.
  const after = await page.evaluate(async (id) => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const card = document.querySelector<HTMLElement>(`[data-post-card][data-status-id="${id}"]`);
    return card && { top: card.getBoundingClientRect().top, scrollY: window.scrollY };
  }, anchor.id);
  expect(after, 'the post at the top is still drawn').not.toBeNull();
  expect(Math.abs(after!.top - anchor.top)).toBeLessThanOrEqual(1);
  expect(after!.scrollY).toBeGreaterThan(anchor.scrollY);
}

test('new posts are only polled for while the tab is visible', async ({ page }) => {
  const polls: number[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/v1/feed/latest')) polls.push(Date.now());
  });
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await expect.poll(() => polls.length).toBeGreaterThanOrEqual(2);
  const status = await page.evaluate(async () => {
    const r = await fetch('/v1/feed/latest');
    const etag = r.headers.get('etag');
    const again = await fetch('/v1/feed/latest', { headers: { 'if-none-match': etag ?? '' } });
    return again.status;
  });
  expect(status).toBe(304);

  // Hide the tab: polling stops.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction(() => true); // let the page handle the event
  const hiddenAt = polls.length;
  const quietUntil = Date.now() + 4 * 750;
  await expect.poll(() => Date.now() >= quietUntil, { intervals: [250] }).toBe(true);
  expect(polls.length - hiddenAt).toBeLessThanOrEqual(1); // at most one already under way

  // Visible again: it polls again.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const shownAgain = polls.length;
  await expect.poll(() => polls.length).toBeGreaterThan(shownAgain);
});

test('paging while new posts arrive: every post exactly once, none lost, in the API order', async ({ page, api }) => {
  // One tier of the demo month (the arrivals are teammates' posts): several pages, few enough to scroll through.
  await page.goto('/?tier=teammate');
  await expect.poll(() => loadedCount(page)).toBe(50);
  // Posts arrive after the first page was read, before the older ones are.
  const handle = `arrival_${Date.now() % 100000}`;
  const arrived: FeedItem[] = [];
  for (let i = 0; i < 3; i++) arrived.push(await api.ingestPost({ author_handle: handle, body_text: `Arrived while paging, number ${i + 1}.` }));
  await expect(page.getByTestId('new-posts')).toHaveText('3 new posts');
  await loadWholeFeed(page);
  const beforeShowing = await shownIds(page);
  expect(beforeShowing.filter((id) => arrived.some((a) => a.status_id === id))).toEqual([]);

  await page.getByTestId('new-posts').click();
  const all = await api.allPosts({ tier: 'teammate' });
  await expect.poll(() => shownIds(page)).toEqual(all.map((i) => i.status_id));
  const ids = await shownIds(page);
  expect(new Set(ids).size).toBe(ids.length);
});

test('new posts respect the filters: only a matching arrival is announced', async ({ page, api }) => {
  await page.goto('/?tier=investor');
  await expect(page.locator('[data-post-card]').first()).toHaveAttribute('data-tier', 'investor');
  const before = await shownIds(page);
  const handle = `tiered_${Date.now() % 100000}`;
  await api.ingestPost({ author_handle: handle, body_text: 'A teammate post the investor view must not announce.', watch_tier: 'teammate' });
  const investor = await api.ingestPost({ author_handle: handle, body_text: 'An investor post the investor view announces.', watch_tier: 'investor' });
  await expect(page.getByTestId('new-posts')).toHaveText('1 new post');
  await page.getByTestId('new-posts').click();
  await expect.poll(() => shownIds(page, before.length + 1)).toEqual([investor.status_id, ...before]);
});
