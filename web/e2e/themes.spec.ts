import { expect, screenshots, test, type FeedItem } from './fixtures';

// Contrast (and the rest of WCAG AA) in both themes is accessibility.spec.ts's axe scan.
test('light and dark themes: the toggle switches and the choice survives a reload', async ({ page, api }) => {
  // A page that shows every tier, both badges and a highlight.
  const [sample] = (await api.get<{ items: FeedItem[] }>('/v1/feed', { limit: '1' })).items;
  const term = sample.body_text!.split(' ')[0];
  await page.goto(`/?q=${encodeURIComponent(term)}`);
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  for (const theme of ['light', 'dark']) {
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    // Nothing is still fading between the themes.
    await expect.poll(() => page.evaluate(() => document.getAnimations().filter((a) => a instanceof CSSTransition).length)).toBe(0);
    if (theme === 'light') await page.getByTestId('theme-toggle').click();
  }
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(darkBg).not.toBe(lightBg);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-toggle')).toHaveAccessibleName('Switch to light theme');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await screenshots(page, 'feed-dark');
});

test.describe('with a dark system preference', () => {
  test.use({ colorScheme: 'dark' });

  test('the dashboard follows the system theme, detail and chart included', async ({ page, api }) => {
    const post = await api.significantPostWithSnapshots();
    await page.goto(`/posts/${post.status_id}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByTestId('chart-engagement').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('chart-views').locator('canvas')).toBeVisible();
    await screenshots(page, 'post-detail-dark');
  });
});
