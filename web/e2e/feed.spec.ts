import { expect, expectedCard, loadedCount, loadWholeFeed, screenshots, shownCards, shownIds, test, uniqueStatusId, type FeedItem } from './fixtures';

test('feed shows posts newest first, every card with the API’s author, tier, time, text, metrics and badges', async ({ page, api }) => {
  const first = await api.get<{ items: FeedItem[] }>('/v1/feed', { limit: '50' });
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await expect.poll(() => loadedCount(page)).toBe(first.items.length);
  // Every card of the first page, every field (reposts and replies included), in the API's order.
  expect(await shownCards(page, first.items.length)).toEqual(first.items.map(expectedCard));

  // The page holds each kind of card the comparison has to cover.
  expect(first.items.some((i) => i.is_significant && i.reported_at), 'a significant, reported post').toBe(true);
  expect(first.items.some((i) => !i.is_significant && !i.reported_at), 'a plain post').toBe(true);
  expect(first.items.some((i) => i.reposts > 0 && i.replies > 0), 'a post with reposts and replies').toBe(true);

  const top = first.items[0];
  const card = page.locator(`[data-post-card][data-status-id="${top.status_id}"]`);
  await expect(card.locator('time')).toHaveAttribute('title', /\d{4}/);
  await expect(card.locator('time')).toHaveText(/ago|just now/);
  await expect(card.getByRole('link', { name: /on X/ })).toHaveAttribute('href', top.url);
  await screenshots(page, 'feed');
});

test('hostile text is shown as text: HTML, right-to-left, emoji, a very long word and missing fields', async ({ page, api }) => {
  const hostile = [
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold?</b> & &amp; "quotes"',
    'مرحبا بالعالم — שלום עולם mixed with English',
    'Emoji 🚀🔥👩🏽‍💻 and a flag 🇨🇭 and ZWJ 👨‍👩‍👧',
    `A very long word: ${'x'.repeat(400)}`,
  ];
  const handle = `hostile_${Date.now() % 1_000_000}`;
  // Days old, so that tests taking the newest post (with its text) never meet these.
  const at = (k: number) => new Date(Date.now() - 3 * 86_400_000 - k * 60_000).toISOString();
  const posted: FeedItem[] = [];
  for (const [k, body] of hostile.entries()) posted.push(await api.ingestPost({ author_handle: handle, body_text: body, discovered_at: at(k) }));
  posted.push(await api.ingestPost({ author_handle: handle, body_text: null, watch_tier: null, significance_reason: null, discovered_at: at(9) }));

  await page.goto(`/?handle=${handle}`);
  await expect.poll(() => loadedCount(page)).toBe(posted.length);
  const fromApi = (await api.get<{ items: FeedItem[] }>('/v1/feed', { handle, limit: '50' })).items;
  expect(await shownCards(page)).toEqual(fromApi.map(expectedCard));
  expect(fromApi.find((i) => i.body_text === null), 'a post without text or tier').toMatchObject({ body_text: null, watch_tier: null });

  // Nothing was interpreted: no element from the text, no script run, nothing wider than the page.
  expect(await page.locator('.post-body img, .post-body script, .post-body b').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1400, height: 900 });
  await screenshots(page, 'feed-hostile-text');

  // And in the drawer.
  await page.locator(`[data-post-card][data-status-id="${posted[0].status_id}"] .post-body`).click();
  await expect(page.getByTestId('detail-body')).toHaveText(hostile[0]);
  expect(await page.getByTestId('post-drawer').locator('.detail-body img, .detail-body script').count()).toBe(0);
});

test('paging to the end shows every post once, in the API order, keeping only the cards near the viewport in the page', async ({ page, api }) => {
  // One tier of the demo month: several pages, and few enough to scroll through in a test.
  const all = await api.allPosts({ tier: 'ecosystem' });
  expect(all.length).toBeGreaterThan(200);
  await page.goto('/?tier=ecosystem');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await loadWholeFeed(page);
  // Hundreds of posts loaded, a screenful and a margin drawn.
  expect(await page.locator('[data-post-card]').count()).toBeLessThan(40);
  const ids = await shownIds(page);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(all.map((i) => i.status_id));
  await expect(page.getByTestId('feed-end')).toContainText(`${all.length.toLocaleString('en')} posts`);
});

test('loading skeletons show until the first page arrives', async ({ page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/v1/feed?*', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByTestId('feed-loading')).toBeVisible();
  await expect(page.getByTestId('feed-count')).toHaveText('Loading…');
  await screenshots(page, 'loading-skeletons-while-loading');
  await expect(page.getByTestId('feed-loading')).toBeVisible();
  release();
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await expect(page.getByTestId('feed-loading')).toHaveCount(0);
});

test('an empty result says no posts match and names the active filters', async ({ page }) => {
  await page.goto('/?tier=investor&q=zzqx-nothing-matches-this');
  await expect(page.getByTestId('feed-empty')).toBeVisible();
  await expect(page.getByTestId('feed-empty')).toContainText('No posts match');
  await expect(page.getByTestId('feed-empty')).toContainText('Tier: investor');
  await expect(page.getByTestId('feed-empty')).toContainText('zzqx-nothing-matches-this');
  await screenshots(page, 'feed-no-match');
  await page.getByTestId('feed-empty').getByRole('button', { name: 'Reset filters' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await page.goto('/?tier=investor&q=zzqx-nothing-matches-this');
  await expect(page.getByTestId('feed-empty')).toBeVisible();
});

test('with open reads (no issuer in the config) there is no sign-in: no account, no sign-in code, no token', async ({ page }) => {
  const requests: { url: string; authorization: string | null }[] = [];
  page.on('request', (r) => requests.push({ url: r.url(), authorization: r.headers()['authorization'] ?? null }));
  await page.goto('/?tier=investor');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  const config = (await (await page.request.get('/config.json')).json()) as { oidc?: unknown };
  expect(config.oidc ?? null).toBeNull();

  await expect(page.getByTestId('account')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /sign (in|out)/i })).toHaveCount(0);
  await expect(page.getByTestId('auth-progress')).toHaveCount(0);
  // The sign-in code is a chunk of its own, never fetched here; no request carries a token.
  expect(requests.filter((r) => /\/assets\/signin-[^/]*\.js$/.test(r.url))).toEqual([]);
  expect(requests.filter((r) => r.authorization !== null)).toEqual([]);

  // The sign-in callback address has nothing to finish without an issuer: on to the feed.
  await page.goto('/signed-in?code=abc&state=def');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await expect(page.getByTestId('account')).toHaveCount(0);
});

test('while an older page fails, the feed goes on noticing new posts', async ({ page, api }) => {
  const handle = `olderfails_${Date.now() % 1_000_000}`;
  // Days old and more than one page of them, so that the feed has an older page to fail.
  const at = (k: number) => new Date(Date.now() - 5 * 86_400_000 - k * 60_000).toISOString();
  await api.ingest(
    'posts',
    Array.from({ length: 60 }, (_, k) => {
      const statusId = uniqueStatusId();
      return { status_id: statusId, url: `https://x.com/${handle}/status/${statusId}`, author_handle: handle, body_text: `Older ${k}`, discovered_at: at(k), last_seen_at: at(k) };
    }),
  );
  await expect.poll(async () => (await api.allPosts({ handle })).length, { timeout: 20_000 }).toBe(60);
  await page.route(/\/v1\/feed\?.*cursor=/, (route) => route.fulfill({ status: 503, json: { error: 'the database is away' } }));
  await page.goto(`/?handle=${handle}`);
  await expect.poll(() => loadedCount(page)).toBe(50);
  await page.getByTestId('load-older').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('older-page-error')).toContainText('the database is away');

  const fresh = await api.ingestPost({ author_handle: handle, body_text: 'Arrived while the older page failed.' });
  await expect(page.getByTestId('new-posts')).toHaveText('1 new post');
  await screenshots(page, 'new-posts-over-a-failed-older-page', {
    atEachWidth: () => page.getByTestId('older-page-error').scrollIntoViewIfNeeded(),
  });
  await page.getByTestId('new-posts').click();
  await expect.poll(() => shownIds(page, 1)).toEqual([fresh.status_id]);
  await expect(page.getByTestId('older-page-error')).toContainText('the database is away');
});

test('an older page that fails says why under the feed and keeps what is shown; Retry loads it, and a refused cursor starts over', async ({ page, api }) => {
  const all = await api.get<{ items: FeedItem[]; next_cursor: string | null }>('/v1/feed', { tier: 'ecosystem', limit: '100' });
  expect(all.next_cursor, 'more than two pages of ecosystem posts').not.toBeNull();
  let answer: 'fail' | 'refuse' | 'pass' = 'fail';
  // A page asked for while this holds waits for it to be released.
  let held: Promise<void> = Promise.resolve();
  await page.route(/\/v1\/feed\?.*cursor=/, async (route) => {
    await held;
    return answer === 'fail'
      ? route.fulfill({ status: 503, json: { error: 'the database is away' } })
      : answer === 'refuse'
        ? route.fulfill({ status: 400, json: { error: 'cursor: not one this API issued' } })
        : route.fallback();
  });
  await page.goto('/?tier=ecosystem');
  await expect.poll(() => loadedCount(page)).toBe(50);
  const older = page.getByTestId('older-page-error');
  await page.getByTestId('load-older').scrollIntoViewIfNeeded();
  await expect(older).toContainText('Older posts could not be loaded');
  await expect(older).toContainText('the database is away');
  expect(await loadedCount(page)).toBe(50);

  // The feed asks again by itself whenever an answer shows the API back (a 503 counts as away):
  // held, so that such a request cannot load the page before Retry is pressed; Retry joins it.
  let release: () => void = () => {};
  held = new Promise((resolve) => (release = resolve));
  answer = 'pass';
  await older.getByRole('button', { name: 'Retry' }).click();
  release();
  await expect.poll(() => loadedCount(page)).toBe(100);
  await expect(older).toHaveCount(0);
  expect(await shownIds(page, 100)).toEqual(all.items.map((i) => i.status_id));

  answer = 'refuse';
  await page.getByTestId('load-older').scrollIntoViewIfNeeded();
  await expect(older).toContainText('cursor: not one this API issued');
  await expect(older.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  answer = 'pass';
  await older.getByRole('button', { name: 'Start over' }).click();
  await expect.poll(() => loadedCount(page)).toBe(50);
  await expect(older).toHaveCount(0);
  expect(await shownIds(page, 50)).toEqual(all.items.slice(0, 50).map((i) => i.status_id));
});
