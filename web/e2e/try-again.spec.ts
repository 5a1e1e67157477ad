import { expect, pollEvery, screenshots, test, type FeedPage } from './fixtures';

const THROTTLED = { status: 429, json: { error: 'too many requests, slow down' } };


/**
 * A view with nothing loaded yet, whose request failed: Try again asks once more and the view
 * shows its loading state (the error and its button go) until the answer, then what it loaded.
 * A throttled answer (429) is neither retried by the dashboard nor taken for an outage.
 */
test('a view that could not load asks again on Try again, shows it is loading until the answer, then shows it', async ({ page, api }) => {
  // No view refreshes by itself while this runs: every new try is the button's.
  await pollEvery(page, 3_600_000);
  const post = (await api.get<FeedPage>('/v1/feed', { limit: '1' })).items[0];
  const views = [
    { path: '/summaries', urlPattern: /\/v1\/window-summaries(\?|$)/, requests: 1, title: 'Summaries could not be loaded', loading: 'Loading summaries', loaded: 'summary-card', screenshot: 'view-could-not-load' },
    { path: '/shifts', urlPattern: /\/v1\/narrative-shifts(\?|$)/, requests: 1, title: 'Narrative shifts could not be loaded', loading: 'Loading narrative shifts', loaded: 'shift' },
    { path: '/watchlist', urlPattern: /\/v1\/watch-accounts(\?|$)/, requests: 1, title: 'The watch list could not be loaded', loading: 'Loading watch list', loaded: 'watch-account' },
    { path: '/trends', urlPattern: /\/v1\/(trends|engagement)\?/, requests: 2, title: 'Trends could not be loaded', loading: 'Loading trends', loaded: 'trends-body' },
    { path: `/posts/${post.status_id}`, urlPattern: new RegExp(`/v1/posts/${post.status_id}$`), requests: 1, title: 'Could not load this post', loading: 'Loading post', loaded: 'post-detail' },
  ];
  for (const view of views) {
    let answer: 'throttled' | 'pass' = 'throttled';
    let held: Promise<void> = Promise.resolve();
    let asked = 0;
    await page.route(view.urlPattern, async (route) => {
      asked++;
      await held;
      return answer === 'throttled' ? route.fulfill(THROTTLED) : route.fallback();
    });
    await page.goto(view.path);
    const problem = page.getByRole('alert').filter({ hasText: view.title });
    await expect(problem, view.path).toContainText('too many requests, slow down');
    await expect.poll(() => asked, `${view.path}: every first request answered`).toBe(view.requests);
    if (view.screenshot) await screenshots(page, view.screenshot);

    answer = 'pass';
    let release: () => void = () => {};
    held = new Promise((resolve) => (release = resolve));
    await problem.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => asked, `${view.path}: the click asked again, once`).toBe(2 * view.requests);
    // The new try is held: the view says it is loading, and offers no second Try again meanwhile.
    await expect(page.getByRole('status', { name: view.loading }).first(), view.path).toBeVisible();
    await expect(problem).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    release();
    await expect(page.getByTestId(view.loaded).first(), view.path).toBeVisible();
    await expect(problem).toHaveCount(0);
    expect(asked, view.path).toBe(2 * view.requests);
    await page.unroute(view.urlPattern);
  }
});

/**
 * A list that has loaded (here: empty, a window type nobody writes) and whose refresh failed keeps
 * its error in view while Try again's request is on its way: the button says Loading… and cannot
 * be pressed again, so a second press cannot cancel the first try for a new one.
 */
test('Try again on a list that had loaded says Loading… and cannot be pressed twice until the answer', async ({ page }) => {
  // Refreshes every 10 s: the click lands well before the next one.
  await pollEvery(page, 2_500);
  let answer: 'throttled' | 'pass' = 'pass';
  let held: Promise<void> = Promise.resolve();
  let asked = 0;
  await page.route(/\/v1\/window-summaries\?/, async (route) => {
    asked++;
    await held;
    return answer === 'throttled' ? route.fulfill(THROTTLED) : route.fallback();
  });
  await page.goto('/summaries?window_type=e2e-no-such-window');
  await expect(page.getByRole('heading', { name: 'No summaries yet' })).toBeVisible();

  answer = 'throttled';
  const problem = page.getByRole('alert').filter({ hasText: 'Summaries could not be loaded' });
  await expect(problem, 'the refresh failed').toContainText('too many requests, slow down', { timeout: 20_000 });
  const before = asked;

  answer = 'pass';
  let release: () => void = () => {};
  held = new Promise((resolve) => (release = resolve));
  await problem.getByRole('button', { name: 'Try again' }).click();
  const retrying = problem.getByRole('button', { name: 'Loading…' });
  await expect(retrying).toBeDisabled();
  await expect(retrying).toHaveAttribute('aria-busy', 'true');
  await expect.poll(() => asked, 'the click asked again, once').toBe(before + 1);
  release();
  await expect(problem).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No summaries yet' })).toBeVisible();
});
