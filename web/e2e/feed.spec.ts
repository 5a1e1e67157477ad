import { expect, loadWholeFeed, screenshots, shownIds, test, type FeedItem } from './fixtures';

test('feed shows posts newest first with author, tier, time, text, metrics and badges', async ({ page, api }) => {
  const first = await api.get<{ items: FeedItem[] }>('/v1/feed', { limit: '50' });
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();

  await expect(page.locator('[data-post-card]')).toHaveCount(first.items.length);
  expect(await shownIds(page)).toEqual(first.items.map((i) => i.status_id));

  const top = first.items[0];
  const card = page.locator(`[data-post-card][data-status-id="${top.status_id}"]`);
  await expect(card.locator('.post-author')).toHaveAttribute('data-author-handle', top.author_handle);
  await expect(card.locator('.post-author')).toContainText(`@${top.author_handle}`);
  if (top.author_display) await expect(card.locator('.author-name')).toHaveText(top.author_display);
  if (top.watch_tier) await expect(card.locator('.tier')).toHaveText(top.watch_tier);
  await expect(card.locator('.post-body')).toHaveText(top.body_text ?? 'No text');
  await expect(card.locator('time')).toHaveAttribute('datetime', top.discovered_at);
  await expect(card.locator('time')).toHaveAttribute('title', /\d{4}/);
  await expect(card.locator('time')).toHaveText(/ago|just now/);
  await expect(card.getByRole('link', { name: /on X/ })).toHaveAttribute('href', top.url);
  await expect(card.locator('.metric-likes .sr-only')).toHaveText(`${top.likes.toLocaleString('en')} likes`);
  await expect(card.locator('.metric-views .sr-only')).toHaveText(`${top.views.toLocaleString('en')} views`);

  const flagged = first.items.find((i) => i.is_significant && i.reported_at);
  expect(flagged, 'the first page holds a significant, reported post').toBeTruthy();
  const flaggedCard = page.locator(`[data-post-card][data-status-id="${flagged!.status_id}"]`);
  await expect(flaggedCard.getByTestId('significant-badge')).toContainText(flagged!.significance_reason ?? 'Significant');
  await expect(flaggedCard.getByTestId('reported-badge')).toBeVisible();
  const plain = first.items.find((i) => !i.is_significant && !i.reported_at)!;
  await expect(page.locator(`[data-post-card][data-status-id="${plain.status_id}"] .post-badges`)).toHaveCount(0);
  await flaggedCard.scrollIntoViewIfNeeded();
});

test('paging to the end shows every post once, in the API order', async ({ page, api }) => {
  // One tier of the demo month: several pages, and few enough to scroll through in a test.
  const all = await api.allPosts({ tier: 'ecosystem' });
  expect(all.length).toBeGreaterThan(200);
  await page.goto('/?tier=ecosystem');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await loadWholeFeed(page);
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
