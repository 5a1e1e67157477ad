import { expect, screenshots, test, type FeedItem } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('at phone width the feed, filters and detail fit without sideways scrolling', async ({ page, api }) => {
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);

  // Filters fold behind a button.
  const toggle = page.getByRole('button', { name: /^Filters/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Tier', { exact: true })).toBeHidden();
  await toggle.click();
  await expect(page.getByLabel('Tier', { exact: true })).toBeVisible();
  await page.getByLabel('Tier', { exact: true }).selectOption('ecosystem');
  await expect(page).toHaveURL(/tier=ecosystem/);
  await expect(toggle).toHaveText('Filters (1)');
  const expected = await api.get<{ items: FeedItem[] }>('/v1/feed', { tier: 'ecosystem', limit: '50' });
  await expect(page.locator('[data-post-card]').first()).toHaveAttribute('data-status-id', expected.items[0].status_id);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await screenshots(page, 'filters-unfolded', { devices: ['phone'] });

  // Detail takes the whole screen; its table scrolls inside its own box.
  await page.locator('[data-post-card] .post-body').first().tap();
  const drawer = page.getByTestId('post-drawer');
  await expect(drawer.getByTestId('post-detail')).toBeVisible();
  // Measured once its opening animation has ended.
  await expect.poll(async () => (await drawer.boundingBox())?.width).toBe(390);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expect(drawer.getByTestId('chart-engagement').locator('canvas')).toBeVisible();
  await expect(drawer.getByTestId('chart-views').locator('canvas')).toBeVisible();
  const chartWidth = await drawer.getByTestId('metrics-chart').evaluate((el) => el.getBoundingClientRect().width);
  expect(chartWidth).toBeLessThanOrEqual(390);
  await drawer.getByRole('button', { name: /Close post/ }).tap();
  await expect(drawer).toHaveCount(0);

  for (const path of ['/summaries', '/watchlist']) {
    await page.goto(path);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('.card').first()).toBeVisible();
    expect(await overflow(), path).toBeLessThanOrEqual(0);
  }
});
