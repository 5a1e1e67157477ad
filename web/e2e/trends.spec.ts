import type { Page } from '@playwright/test';
import { expect, screenshots, test, type FeedItem } from './fixtures';

interface Counts {
  posts: number;
  significant: number;
}
interface Figures extends Counts {
  likes: number;
  reposts: number;
  replies: number;
  views: number;
  score: number;
}
interface Trends {
  range: string;
  start: string;
  end: string;
  totals: Counts;
  tiers: Record<string, Counts>;
  buckets: (Counts & { start: string; end: string })[];
}
interface Engagement {
  start: string;
  totals: Figures;
  tiers: Record<string, Figures>;
  buckets: (Figures & { start: string })[];
  top_handles: (Figures & { handle: string })[];
  top_posts: { score: number; post: FeedItem }[];
}

const ZONE = 'Europe/Berlin';
const number = (n: number) => n.toLocaleString('en');

/** What the page shows, read from its totals, tier table, bucket table and top lists. */
async function shown(page: Page) {
  const body = page.getByTestId('trends-body');
  const texts = (selector: string) => body.locator(selector).evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  return {
    start: await body.getAttribute('data-start'),
    totals: {
      posts: await body.getByTestId('total-posts').textContent(),
      significant: await body.getByTestId('total-significant').textContent(),
      likes: await body.getByTestId('total-likes').textContent(),
      views: await body.getByTestId('total-views').textContent(),
      score: await body.getByTestId('total-score').textContent(),
    },
    tierPosts: await texts('[data-testid="tier-posts"]'),
    tierScores: await texts('[data-testid="tier-score"]'),
    bucketStarts: await body.locator('[data-testid="bucket-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-start'))),
    bucketPosts: await texts('[data-testid="bucket-posts"]'),
    bucketSignificant: await texts('[data-testid="bucket-significant"]'),
    bucketScores: await texts('[data-testid="bucket-score"]'),
    handles: await body.locator('[data-testid="top-handles"] li').evaluateAll((items) => items.map((i) => i.getAttribute('data-handle'))),
    handleScores: await texts('[data-testid="handle-score"]'),
    posts: await body.locator('[data-testid="top-posts"] > li').evaluateAll((items) => items.map((i) => i.getAttribute('data-status-id'))),
    postScores: await texts('[data-testid="post-score"]'),
  };
}

/** The same, as the API answers it for these parameters. */
function expected(trends: Trends, engagement: Engagement) {
  const tiers = ['teammate', 'influencer', 'ecosystem', 'investor', 'none'];
  return {
    start: trends.start,
    totals: {
      posts: number(trends.totals.posts),
      significant: number(trends.totals.significant),
      likes: number(engagement.totals.likes),
      views: number(engagement.totals.views),
      score: number(engagement.totals.score),
    },
    tierPosts: tiers.map((t) => number(trends.tiers[t].posts)),
    tierScores: tiers.map((t) => number(engagement.tiers[t].score)),
    bucketStarts: trends.buckets.map((b) => b.start),
    bucketPosts: trends.buckets.map((b) => number(b.posts)),
    bucketSignificant: trends.buckets.map((b) => number(b.significant)),
    bucketScores: engagement.buckets.map((b) => number(b.score)),
    handles: engagement.top_handles.map((h) => h.handle),
    handleScores: engagement.top_handles.map((h) => number(h.score)),
    posts: engagement.top_posts.map((p) => p.post.status_id),
    postScores: engagement.top_posts.map((p) => number(p.score)),
  };
}

/** The page shows what the API answers (asked again while the two settle, e.g. across an hour's turn). */
async function expectApiFigures(page: Page, api: { get: <T>(route: string, params?: Record<string, string>) => Promise<T> }, params: Record<string, string>) {
  await expect(page.getByTestId('trends-body')).toBeVisible();
  await expect(page.getByTestId('top-handles').or(page.getByText('No posts in this range.').first())).toBeVisible();
  await expect
    .poll(async () => {
      const query = { ...params, tz: ZONE };
      const want = expected(await api.get<Trends>('/v1/trends', query), await api.get<Engagement>('/v1/engagement', query));
      return JSON.stringify(await shown(page)) === JSON.stringify(want) ? 'same' : JSON.stringify({ page: await shown(page), api: want });
    }, { timeout: 20_000 })
    .toBe('same');
}

test('trends show the API’s figures for every range, alone and with the feed’s filters', async ({ page, api }) => {
  for (const range of ['24h', '7d', '30d', '90d']) {
    await page.goto(`/trends?range=${range}`);
    await expect(page.getByTestId('trends-body')).toHaveAttribute('data-range', range);
    await expectApiFigures(page, api, { range });
  }
  await expect(page.getByTestId('volume-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('trends-zone')).toContainText('Europe/Berlin');

  // The feed's filters, set in the panel, land in the URL the feed also reads.
  await page.getByRole('radio', { name: '30 d' }).check({ force: true });
  await page.getByLabel('Tier', { exact: true }).selectOption('investor');
  await page.getByTestId('filter-significant').getByRole('radio', { name: 'Yes' }).check();
  await expect(page).toHaveURL(/\/trends\?tier=investor&significant=true&range=30d$/);
  await expectApiFigures(page, api, { range: '30d', tier: 'investor', significant: 'true' });
  const [word] = (await api.get<{ items: FeedItem[] }>('/v1/feed', { limit: '1' })).items[0].body_text!.split(/\s+/);
  await page.getByTestId('filter-q').fill(word);
  await page.getByTestId('filter-q').press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word).replace(/%20/g, '\\+')}`));
  await expectApiFigures(page, api, { range: '30d', tier: 'investor', significant: 'true', q: word });

  // The navigation carries the filters to the feed and back.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feed' }).click();
  await expect(page).toHaveURL(/\/\?tier=investor&significant=true&q=/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trends' }).click();
  await expect(page).toHaveURL(/\/trends\?tier=investor&significant=true&q=/);
});

test('a bucket opens the feed for its span, with the same posts the bucket counts', async ({ page, api }) => {
  await page.goto('/trends?range=7d&significant=true');
  const trends = await api.get<Trends>('/v1/trends', { range: '7d', tz: ZONE, significant: 'true' });
  await expectApiFigures(page, api, { range: '7d', significant: 'true' });
  const index = trends.buckets.reduce((best, b, i) => (b.posts > trends.buckets[best].posts ? i : best), 0);
  const bucket = trends.buckets[index];
  expect(bucket.posts).toBeGreaterThan(0);

  // A click on the bar, a quarter of the way into the bucket (the cursor snaps to the nearest bucket start).
  const over = page.getByTestId('volume-chart').locator('.u-over');
  const box = (await over.boundingBox())!;
  const first = Date.parse(trends.start);
  const last = Date.parse(trends.end);
  const at = Date.parse(bucket.start) + (Date.parse(bucket.end) - Date.parse(bucket.start)) / 4;
  await page.mouse.move(box.x + (box.width * (at - first)) / (last - first), box.y + box.height / 2);
  await page.mouse.click(box.x + (box.width * (at - first)) / (last - first), box.y + box.height / 2);
  await expect(page).toHaveURL(/^[^?]*\/\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('significant')).toBe('true');
  expect(url.searchParams.get('since')).toBe(bucket.start);
  expect(url.searchParams.get('until')).toBe(new Date(Date.parse(bucket.end) - 1).toISOString());
  const inFeed = await api.allPosts({ significant: 'true', since: bucket.start, until: url.searchParams.get('until')! });
  expect(inFeed).toHaveLength(bucket.posts);
  await expect(page.getByTestId('feed-count')).toContainText(`${bucket.posts} post`);

  // The table of buckets links the same way.
  await page.goBack();
  await page.getByText(/^Every bucket/).click();
  await page.locator(`[data-testid="bucket-table"] tr[data-start="${bucket.start}"] a`).click();
  expect(new URL(page.url()).searchParams.get('since')).toBe(bucket.start);
});

test('a top handle filters trends by it, and a top post opens its detail', async ({ page, api }) => {
  await page.goto('/trends?range=30d');
  await expectApiFigures(page, api, { range: '30d' });
  const engagement = await api.get<Engagement>('/v1/engagement', { range: '30d', tz: ZONE });
  const top = engagement.top_handles[0];
  await page.getByTestId('top-handles').locator('li').first().getByRole('button').click();
  await expect(page).toHaveURL(new RegExp(`/trends\\?handle=${top.handle}&range=30d$`));
  await expectApiFigures(page, api, { range: '30d', handle: top.handle });
  await expect(page.getByTestId('total-posts')).toHaveText(number(top.posts));
  await expect(page.getByTestId('total-score')).toHaveText(number(top.score));

  const [best] = (await api.get<Engagement>('/v1/engagement', { range: '30d', tz: ZONE, handle: top.handle })).top_posts;
  await page.getByTestId('top-posts').locator('li').first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/posts/${best.post.status_id}\\?handle=${top.handle}$`));
  await expect(page.getByTestId('post-detail')).toHaveAttribute('data-status-id', best.post.status_id);
});

test('a bad filter is named beside its field; bad parameters are 400s naming them', async ({ page, api, request }) => {
  await page.goto('/trends?handle=not%20a%20handle!');
  await expect(page.getByTestId('field-error')).toContainText('handle:');
  for (const [params, named] of [
    [{ range: '1y' }, 'range:'],
    [{ tz: 'Mars/Olympus_Mons' }, 'tz:'],
    [{ since: '2026-01-01T00:00:00Z' }, 'since:'],
    [{ top: '500' }, 'top:'],
  ] as const) {
    const response = await request.get(`${api.stack.url}/v1/engagement`, { params });
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(new RegExp(`^${named}`));
  }
});

test('trends at phone width and in the dark theme fit and stay readable (screenshots)', async ({ page }) => {
  await page.goto('/trends?range=30d');
  await expect(page.getByTestId('volume-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('top-posts')).toBeVisible();
  await screenshots(page, 'trends-light', { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  for (const chart of ['volume-chart', 'share-chart', 'engagement-chart']) {
    const width = await page.getByTestId(chart).evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(390);
  }
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('volume-chart').locator('canvas')).toBeVisible();
  await screenshots(page, 'trends-dark', { fullPage: true });
});
