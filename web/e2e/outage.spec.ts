import { expect, loadedCount, screenshots, test } from './fixtures';
import { readState, startStack, stopStack } from './stack';

test('when the API stops, a banner appears and retries by itself; it goes once the API is back', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await expect(page.getByTestId('health')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('outage-banner')).toHaveCount(0);
  const loaded = await loadedCount(page);
  const top = await page.locator('[data-post-card]').first().getAttribute('data-status-id');

  // Stop the whole stack (API, database and all), keeping its data directory and port.
  const state = readState();
  await stopStack(state.pid);

  const banner = page.getByTestId('outage-banner');
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText('Can’t reach the XMonitor API');
  await expect(page.getByTestId('health')).toHaveAttribute('data-state', 'down');
  // What was loaded stays readable (the banner above it may leave room for fewer cards to be drawn).
  expect(await loadedCount(page)).toBe(loaded);
  await expect(page.locator('[data-post-card]').first()).toHaveAttribute('data-status-id', top!);
  await expect(page.locator('.outage-banner').getByRole('button', { name: 'Retry now' })).toBeVisible();
  // It keeps trying on its own.
  const tries: string[] = [];
  page.on('requestfailed', (r) => {
    if (r.url().includes('/v1/')) tries.push(r.url());
  });
  await expect.poll(() => tries.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await screenshots(page, 'api-unreachable-banner');

  // Bring it back on the same port and data directory.
  const { pid: _old, ...again } = state;
  await startStack(again, false);

  await expect(banner).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('health')).toHaveAttribute('data-state', 'ok');
  // And the dashboard works again without a reload.
  await page.getByLabel('Tier', { exact: true }).selectOption('teammate');
  await expect(page.locator('[data-post-card]').first()).toHaveAttribute('data-tier', 'teammate');
});

test('a 5xx answer shows the banner too, and it clears when answers are good again', async ({ page }) => {
  let failing = true;
  await page.route('**/v1/**', async (route) => {
    if (failing) await route.fulfill({ status: 503, json: { error: 'database unavailable' }, headers: { 'retry-after': '1' } });
    else await route.continue();
  });
  await page.goto('/');
  const banner = page.getByTestId('outage-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('503: database unavailable');
  await expect(page.getByTestId('feed-error')).toBeVisible();
  failing = false;
  await expect(banner).toHaveCount(0);
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
});
