import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { TARGET_DIR } from './stack';
import { expect, test } from './fixtures';

// Measured as a reader gets it: the stack's own runtime config, no tracing in the page.
test.use({ shortPolling: false, trace: 'off' });

test('the first feed render meets its goals on a first visit and a reload', async ({ page }) => {
  const measure = async () => {
    await expect(page.locator('[data-post-card]').first()).toBeVisible();
    return page.evaluate(() => {
      const [n] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      const feed = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) => r.name.includes('/v1/feed?'));
      return {
        first_feed_render_ms: Math.round(performance.getEntriesByName('xmonitor:first-feed-render')[0]?.startTime ?? -1),
        dom_content_loaded_ms: Math.round(n.domContentLoadedEventEnd),
        feed_request_ms: feed ? Math.round(feed.responseEnd - feed.startTime) : -1,
      };
    });
  };
  // A first visit, then a reload with the app's files in the browser cache.
  await page.goto('/');
  const cold = await measure();
  await page.reload();
  const warm = await measure();
  console.log(`time to first feed render: ${cold.first_feed_render_ms} ms on a first visit, ${warm.first_feed_render_ms} ms on a reload (navigation start → first posts rendered; DOMContentLoaded ${cold.dom_content_loaded_ms}/${warm.dom_content_loaded_ms} ms, /v1/feed ${cold.feed_request_ms}/${warm.feed_request_ms} ms)`);
  writeFileSync(path.join(TARGET_DIR, 'first-feed-render.json'), JSON.stringify({ cold, warm }, null, 2));
  // The goals, on a 2-core machine running the stack beside the browser: posts on screen within
  // 2.5 s of a first visit and 1.5 s of a reload (the mark is missing, -1, if the feed never rendered).
  expect(cold.first_feed_render_ms).toBeGreaterThan(0);
  expect(warm.first_feed_render_ms).toBeGreaterThan(0);
  expect(cold.first_feed_render_ms, 'first visit').toBeLessThanOrEqual(2500);
  expect(warm.first_feed_render_ms, 'reload').toBeLessThanOrEqual(1500);
});
