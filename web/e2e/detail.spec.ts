import type { Locator } from '@playwright/test';
import { expect, screenshots, test, type FeedItem, type Schemas } from './fixtures';

type Detail = Schemas['PostDetail'];

test('post detail shows text, author, tier, significance, report, a metrics chart and every snapshot', async ({ page, api }) => {
  // The newest reported post with every field the drawer shows: a tier, a reason, a report with
  // channel and summary, and several snapshots (so nothing below is skipped for want of data).
  let found: { reported: FeedItem; detail: Detail } | undefined;
  for (const item of (await api.get<{ items: FeedItem[] }>('/v1/feed', { significant: 'true', limit: '200' })).items) {
    if (!item.reported_at || !item.watch_tier || !item.significance_reason || !item.body_text) continue;
    const candidate = await api.get<Detail>(`/v1/posts/${item.status_id}`);
    if (candidate.snapshots.length > 1 && candidate.report?.channel && candidate.report.summary) {
      found = { reported: item, detail: candidate };
      break;
    }
  }
  expect(found, 'a reported post with every field and several snapshots in the demo data').toBeDefined();
  const { reported, detail } = found!;
  const report = detail.report!;

  await page.goto('/?significant=true');
  await page.locator(`[data-post-card][data-status-id="${reported.status_id}"] .post-body`).click();
  const drawer = page.getByTestId('post-drawer');
  await expect(drawer.getByRole('heading', { name: 'Post' })).toBeVisible();
  // A modal in the top layer: the page behind is inert, a click there lands on the backdrop.
  await expect(drawer).toHaveRole('dialog');
  expect(await drawer.evaluate((el) => el.matches('dialog:modal'))).toBe(true);
  expect(await page.evaluate(() => document.elementFromPoint(40, 300)?.tagName)).toBe('DIALOG');
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await drawer.evaluate((el) => el.contains(document.activeElement) || document.activeElement === document.body), `Tab ${i + 1} stays in the dialog`).toBe(true);
  }
  await expect(drawer.getByTestId('detail-body')).toHaveText(reported.body_text!);
  await expect(drawer.locator('.detail-name')).toContainText(`@${reported.author_handle}`);
  await expect(drawer.locator('.detail-meta .tier')).toHaveText(reported.watch_tier!);
  await expect(drawer.getByRole('link', { name: 'Open on X' })).toHaveAttribute('href', reported.url);
  await expect(drawer.getByTestId('significant-badge').first()).toBeVisible();
  await expect(drawer.locator('.detail-section').first()).toContainText(reported.significance_reason!);

  const shownReport = drawer.getByTestId('detail-report');
  await expect(shownReport).toContainText(report.channel!);
  await expect(shownReport).toContainText(report.summary!);
  await expect(shownReport.locator('time')).toHaveAttribute('datetime', report.reported_at);

  // The snapshot table: every snapshot, newest first, each cell as the API has it.
  const newestFirst = [...detail.snapshots].sort((a, b) => Date.parse(b.snapshot_at) - Date.parse(a.snapshot_at));
  const rows = drawer.getByTestId('snapshot-table').locator('tbody tr');
  await expect(rows).toHaveCount(newestFirst.length);
  const shownRows = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')];
      return { at: cells[1].querySelector('time')!.getAttribute('datetime'), figures: cells.slice(2, 6).map((c) => c.textContent), source: cells[6].textContent };
    }),
  );
  expect(shownRows).toEqual(
    newestFirst.map((s) => ({
      at: s.snapshot_at,
      figures: [s.likes, s.reposts, s.replies, s.views].map((n) => n.toLocaleString('en')),
      source: s.source ?? '—',
    })),
  );

  // Every column of the snapshot table is in view on a desktop, without scrolling sideways.
  const table = drawer.locator('.table-wrap');
  expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  const source = drawer.getByTestId('snapshot-table').getByRole('columnheader', { name: 'Source' });
  expect((await source.boundingBox())!.x + (await source.boundingBox())!.width).toBeLessThanOrEqual(
    (await table.boundingBox())!.x + (await table.boundingBox())!.width,
  );

  // The chart: two uPlot panels (likes, reposts and replies; views), one point per snapshot, actually drawn.
  const chart = drawer.getByTestId('metrics-chart');
  await expect(chart).toHaveAttribute('data-points', String(detail.snapshots.length));
  await expect(chart.getByTestId('chart-engagement').locator('.u-legend')).toContainText('Likes');
  await expect(chart.getByTestId('chart-engagement').locator('.u-legend')).toContainText('Replies');
  await expect(chart.getByTestId('chart-views').locator('.u-legend')).toContainText('Views');
  for (const panel of ['chart-engagement', 'chart-views']) {
    const canvas = chart.getByTestId(panel).locator('.uplot canvas');
    await expect(canvas).toBeVisible();
    await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      return painted;
    }), panel).toBeGreaterThan(500);
  }
  await screenshots(page, 'post-detail');
});

/** Pixels of the chart's canvases drawn in a series' colour (a CSS custom property). */
async function pixelsOf(chart: Locator, colourVariable: string): Promise<number> {
  return chart.evaluate((figure, name) => {
    const hex = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let count = 0;
    for (const canvas of figure.querySelectorAll('canvas')) {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60) count++;
      }
    }
    return count;
  }, colourVariable);
}

test('one snapshot sits in the middle of the chart, and likes stay visible when views are a fixed multiple of them', async ({ page, api }) => {
  const post = await api.ingestPost({ author_handle: 'chart_probe', body_text: 'A post with a single snapshot so far' });
  const first = new Date(Date.parse(post.discovered_at));
  const snapshot = (at: Date, likes: number) => ({
    status_id: post.status_id,
    snapshot_type: at.getTime() === first.getTime() ? 'initial_capture' : 'latest_observed',
    snapshot_at: at.toISOString(),
    likes,
    reposts: Math.round(likes / 8),
    replies: Math.round(likes / 15),
    views: likes * 40,
    source: 'e2e',
  });
  await api.ingest('metrics', [snapshot(first, 12)]);
  await expect.poll(async () => (await api.get<Detail>(`/v1/posts/${post.status_id}`)).snapshots.length).toBe(1);

  await page.goto(`/posts/${post.status_id}`);
  const chart = page.getByTestId('metrics-chart');
  await expect(chart).toHaveAttribute('data-points', '1');
  await expect(chart).toHaveAttribute('data-shown-from', /Z$/);
  const from = Date.parse((await chart.getAttribute('data-shown-from'))!);
  const to = Date.parse((await chart.getAttribute('data-shown-to'))!);
  expect(to - from, 'two hours around the snapshot').toBe(2 * 3_600_000);
  expect((from + to) / 2).toBe(first.getTime());

  // Views at 40 times the likes at every snapshot: their own panel keeps the likes line in sight.
  const later = [1, 2, 3].map((h) => snapshot(new Date(first.getTime() + h * 3_600_000), 12 + 9 * h));
  await api.ingest('metrics', later);
  await expect.poll(async () => (await api.get<Detail>(`/v1/posts/${post.status_id}`)).snapshots.length).toBe(4);
  await page.reload();
  await expect(chart).toHaveAttribute('data-points', '4');
  await expect.poll(() => pixelsOf(chart, '--chart-likes'), 'likes drawn').toBeGreaterThan(150);
  await expect.poll(() => pixelsOf(chart, '--chart-views'), 'views drawn').toBeGreaterThan(150);
});

test('a post without a report says so', async ({ page, api }) => {
  const plain = (await api.get<{ items: FeedItem[] }>('/v1/feed', { significant: 'false', limit: '5' })).items[0];
  await page.goto(`/posts/${plain.status_id}`);
  await expect(page.getByTestId('detail-report')).toContainText('Not reported.');
  await expect(page.getByTestId('post-detail')).toContainText('Not significant.');
});

test('an unknown post id shows a clear not-found state', async ({ page }) => {
  await page.goto('/posts/1234567890123');
  await expect(page.getByTestId('post-not-found')).toBeVisible();
  await expect(page.getByTestId('post-not-found')).toContainText('Post not found');
  await expect(page.getByTestId('post-not-found')).toContainText('1234567890123');
  await screenshots(page, 'post-not-found');
  await page.goto('/posts/not-a-number');
  await expect(page.getByTestId('post-not-found')).toBeVisible();
  await page.getByTestId('post-not-found').getByRole('button', { name: 'Back to the feed' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('post-drawer')).toHaveCount(0);
});
