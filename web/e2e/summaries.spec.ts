import { expect, screenshots, test, type FeedItem } from './fixtures';

interface Summary {
  summary_key: string;
  window_type: string;
  post_count: number;
  significant_count: number;
  tier_counts: Record<string, number>;
  top_themes: ({ theme?: string; posts?: number } | string)[];
  summary_text: string;
  debates?: { topic: string; sides?: (string | { label: string; posts: number })[] }[];
}

test('summaries show the newest 2 h and 12 h windows first with counts, text, themes, debates and notable posts', async ({ page, api }) => {
  // A newer 2 h summary that names a debate and a notable post, as the collector would send it.
  const [notable] = (await api.get<{ items: FeedItem[] }>('/v1/feed', { significant: 'true', limit: '1' })).items;
  const now = new Date();
  const start = new Date(now.getTime() - 2 * 3_600_000);
  await api.ingest('window-summaries', [
    {
      summary_key: `rolling_2h:e2e:${now.toISOString()}`,
      window_type: 'rolling_2h',
      window_start: start.toISOString(),
      window_end: now.toISOString(),
      generated_at: now.toISOString(),
      post_count: 17,
      significant_count: 4,
      tier_counts: { teammate: 6, influencer: 5, ecosystem: 4, investor: 2 },
      // Older collectors sent themes as plain strings; they are stored and shown as given.
      top_themes: [{ theme: 'validator economics', posts: 7 }, { theme: 'wallet recovery', posts: 3 }, 'zsa'],
      debates: [{ topic: 'Should fees be burned?', summary: 'Two camps argue about supply.', sides: ['burn it', 'pay validators'] }],
      top_authors: [{ handle: notable.author_handle, posts: 3 }],
      notable_posts: [{ status_id: notable.status_id, author_handle: notable.author_handle, text: 'The post everyone quoted', reason: 'most reposted' }],
      summary_text: 'Validator economics and wallet recovery led a busy two hours.',
    },
  ]);
  await expect
    .poll(async () => (await api.get<{ rolling_2h: Summary | null }>('/v1/window-summaries/latest')).rolling_2h?.post_count)
    .toBe(17);
  const latest = await api.get<{ rolling_2h: Summary; rolling_12h: Summary }>('/v1/window-summaries/latest');

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Summaries' }).click();
  await expect(page).toHaveURL(/\/summaries$/);
  // The newest window of each type comes first among the summaries of its type.
  const twoHours = page.locator('[data-testid="summary-card"][data-window="rolling_2h"]').first();
  const twelveHours = page.locator('[data-testid="summary-card"][data-window="rolling_12h"]').first();
  await expect(twoHours.getByRole('heading', { name: 'Last 2 hours' })).toBeVisible();
  await expect(twelveHours.getByRole('heading', { name: 'Last 12 hours' })).toBeVisible();

  await expect(twoHours.getByTestId('summary-post-count')).toHaveText('17');
  await expect(twoHours).toContainText('Significant4');
  for (const [tier, n] of Object.entries({ teammate: 6, influencer: 5, ecosystem: 4, investor: 2 })) {
    await expect(twoHours.locator('.tier-counts li', { hasText: tier })).toContainText(String(n));
  }
  await expect(twoHours).toContainText('Validator economics and wallet recovery led a busy two hours.');
  await expect(twoHours.locator('.theme-chip').first()).toContainText('validator economics7');
  await expect(twoHours.locator('.theme-chip').nth(2)).toHaveText('zsa');
  await expect(twoHours.locator('.debate-list')).toContainText('Should fees be burned?');
  await expect(twoHours.locator('.debate-list')).toContainText('pay validators');

  await expect(twelveHours.getByTestId('summary-post-count')).toHaveText(latest.rolling_12h.post_count.toLocaleString('en'));
  await expect(twelveHours).toContainText(latest.rolling_12h.summary_text);
  for (const theme of latest.rolling_12h.top_themes) {
    await expect(twelveHours.locator('.theme-list')).toContainText(typeof theme === 'string' ? theme : theme.theme!);
  }
  // A notable post links to its detail.
  await twoHours.getByTestId('notable-post').click();
  await expect(page).toHaveURL(new RegExp(`/posts/${notable.status_id}$`));
  await expect(page.getByTestId('post-detail')).toHaveAttribute('data-status-id', notable.status_id);
  await page.keyboard.press('Escape');
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\/summaries$/);

  // Debates, each side counted: every one of the newest 12-hour window that has any is compared
  // (a quiet night or weekend can leave the newest without one).
  let debated: Summary | undefined;
  for (let cursor: string | null = null, pages = 0; !debated && pages < 20; pages++) {
    const page_: { items: Summary[]; next_cursor: string | null } = await api.get('/v1/window-summaries', {
      window_type: 'rolling_12h',
      limit: '50',
      ...(cursor ? { cursor } : {}),
    });
    debated = page_.items.find((s) => (s.debates ?? []).length > 0);
    cursor = page_.next_cursor;
    if (!cursor) break;
  }
  expect(debated, 'a 12-hour window of the demo month with debates').toBeDefined();
  await page.goto('/summaries?window_type=rolling_12h');
  const withDebates = page.locator(`[data-testid="summary-card"][data-summary-key="${debated!.summary_key}"]`);
  for (let pages = 1; !(await withDebates.isVisible()); pages++) {
    expect(pages, 'pages of 12-hour summaries shown before the one with debates').toBeLessThan(50);
    const shown = await page.getByTestId('summary-card').count();
    await page.locator('[data-testid="summaries-older"]:enabled').click();
    await expect.poll(() => page.getByTestId('summary-card').count()).toBeGreaterThan(shown);
  }
  for (const debate of debated!.debates ?? []) {
    await expect(withDebates.locator('.debate-list')).toContainText(debate.topic);
    expect(debate.sides?.length, `sides of "${debate.topic}"`).toBeGreaterThan(0);
    for (const side of debate.sides ?? []) {
      if (typeof side === 'string') throw new Error(`the demo's debate "${debate.topic}" has an uncounted side "${side}"`);
      await expect(withDebates.locator('.debate-sides li', { hasText: side.label })).toHaveText(
        `${side.label} · ${side.posts} post${side.posts === 1 ? '' : 's'}`,
      );
    }
  }
});

test('the watch list shows every watched account by tier, from the API', async ({ page, api }) => {
  const accounts = (await api.get<{ items: { handle: string; tier: string }[] }>('/v1/watch-accounts')).items;
  await page.goto('/watchlist');
  const tiers = [...new Set(accounts.map((a) => a.tier))];
  expect(tiers.sort()).toEqual(['ecosystem', 'influencer', 'investor', 'teammate']);
  await expect(page.getByTestId('watch-tier')).toHaveCount(4);
  for (const tier of tiers) {
    const section = page.locator(`[data-testid="watch-tier"][data-tier="${tier}"]`);
    const handles = accounts.filter((a) => a.tier === tier).map((a) => `@${a.handle}`).sort();
    await expect(section.locator('.account-handle')).toHaveText(handles);
  }
  await expect(page.getByTestId('watch-account')).toHaveCount(accounts.length);
  await screenshots(page, 'watch-list');

  // An account links to its posts in the feed.
  const first = accounts[0];
  await page.getByRole('link', { name: `@${first.handle}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/\\?handle=${first.handle}$`));
  await expect(page.getByLabel('Handles')).toHaveValue(`@${first.handle}`);
  await expect(page.locator('[data-post-card] .post-author').first()).toHaveAttribute('data-author-handle', first.handle);
});
