import { expect, test, type FeedItem } from './fixtures';

interface Detail {
  post: FeedItem;
  snapshots: { snapshot_type: string; snapshot_at: string; likes: number; views: number }[];
  report: { reported_at: string; channel: string | null; summary: string | null; destination: string | null } | null;
}

test('post detail shows text, author, tier, significance, report, a metrics chart and every snapshot', async ({ page, api }) => {
  // The newest reported post old enough to have been observed more than once.
  let reported: FeedItem | undefined;
  let detail: Detail | undefined;
  for (const item of (await api.get<{ items: FeedItem[] }>('/v1/feed', { significant: 'true', limit: '50' })).items) {
    if (!item.reported_at) continue;
    const candidate = await api.get<Detail>(`/v1/posts/${item.status_id}`);
    if (candidate.snapshots.length > 1) {
      reported = item;
      detail = candidate;
      break;
    }
  }
  expect(reported, 'a reported post with several snapshots in the demo data').toBeDefined();
  if (!reported || !detail) return;

  await page.goto('/?significant=true');
  await page.locator(`[data-post-card][data-status-id="${reported.status_id}"] .post-body`).click();
  const drawer = page.getByTestId('post-drawer');
  await expect(drawer.getByRole('heading', { name: 'Post' })).toBeVisible();
  await expect(drawer).toHaveAttribute('aria-modal', 'true');
  await expect(drawer.getByTestId('detail-body')).toHaveText(reported.body_text!);
  await expect(drawer.locator('.detail-name')).toContainText(`@${reported.author_handle}`);
  await expect(drawer.locator('.detail-meta .tier')).toHaveText(reported.watch_tier!);
  await expect(drawer.getByRole('link', { name: 'Open on X' })).toHaveAttribute('href', reported.url);
  await expect(drawer.getByTestId('significant-badge').first()).toBeVisible();
  if (reported.significance_reason) await expect(drawer.locator('.detail-section').first()).toContainText(reported.significance_reason);

  const report = drawer.getByTestId('detail-report');
  await expect(report).toContainText(detail.report!.channel!);
  if (detail.report!.summary) await expect(report).toContainText(detail.report!.summary);
  await expect(report.locator('time')).toHaveAttribute('datetime', detail.report!.reported_at);

  // The snapshot table: one row per snapshot, newest first.
  const rows = drawer.getByTestId('snapshot-table').locator('tbody tr');
  await expect(rows).toHaveCount(detail.snapshots.length);
  const newest = [...detail.snapshots].sort((a, b) => Date.parse(b.snapshot_at) - Date.parse(a.snapshot_at))[0];
  await expect(rows.first().locator('td').nth(2)).toHaveText(newest.likes.toLocaleString('en'));
  await expect(rows.first().locator('td').nth(5)).toHaveText(newest.views.toLocaleString('en'));

  // The chart: uPlot's canvas, with one point per snapshot, actually drawn.
  const chart = drawer.getByTestId('metrics-chart');
  await expect(chart).toHaveAttribute('data-points', String(detail.snapshots.length));
  const canvas = chart.locator('.uplot canvas');
  await expect(canvas).toBeVisible();
  await expect(chart.locator('.u-legend')).toContainText('Likes');
  await expect(chart.locator('.u-legend')).toContainText('Views');
  await expect
    .poll(() =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
        return painted;
      }),
    )
    .toBeGreaterThan(500);
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
  await page.goto('/posts/not-a-number');
  await expect(page.getByTestId('post-not-found')).toBeVisible();
  await page.getByTestId('post-not-found').getByRole('button', { name: 'Back to the feed' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('post-drawer')).toHaveCount(0);
});
