import { expect, test, type FeedPage } from './fixtures';

/**
 * A view with nothing loaded yet, whose request failed: Try again asks once more and the view
 * shows its loading state (the error and its button go) until the answer, then what it loaded.
 */
test('a view that could not load asks again on Try again, shows it is loading until the answer, then shows it', async ({ page, api }) => {
  // No view refreshes by itself while this runs: every new try is the button's.
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...((await response.json()) as object), poll_interval_ms: 3_600_000 } });
  });
  const post = (await api.get<FeedPage>('/v1/feed', { limit: '1' })).items[0];
  const views = [
    { path: '/summaries', answers: /\/v1\/window-summaries(\?|$)/, title: 'Summaries could not be loaded', loading: 'Loading summaries', loaded: 'summary-card' },
    { path: '/shifts', answers: /\/v1\/narrative-shifts(\?|$)/, title: 'Narrative shifts could not be loaded', loading: 'Loading narrative shifts', loaded: 'shift' },
    { path: '/watchlist', answers: /\/v1\/watch-accounts(\?|$)/, title: 'The watch list could not be loaded', loading: 'Loading watch list', loaded: 'watch-account' },
    { path: '/trends', answers: /\/v1\/(trends|engagement)\?/, title: 'Trends could not be loaded', loading: 'Loading trends', loaded: 'trends-body' },
    { path: `/posts/${post.status_id}`, answers: new RegExp(`/v1/posts/${post.status_id}$`), title: 'Could not load this post', loading: 'Loading post', loaded: 'post-detail' },
  ];
  for (const view of views) {
    // A throttled answer (429) is neither retried by the dashboard nor taken for an outage.
    let answer: 'throttled' | 'pass' = 'throttled';
    let held: Promise<void> = Promise.resolve();
    const requests: string[] = [];
    await page.route(view.answers, async (route) => {
      requests.push(route.request().url());
      await held;
      return answer === 'throttled' ? route.fulfill({ status: 429, json: { error: 'too many requests, slow down' } }) : route.fallback();
    });
    await page.goto(view.path);
    const problem = page.getByRole('alert').filter({ hasText: view.title });
    await expect(problem, view.path).toContainText('too many requests, slow down');
    const asked = requests.length;

    answer = 'pass';
    let release: () => void = () => {};
    held = new Promise((resolve) => (release = resolve));
    await problem.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => requests.length, `${view.path}: the click asked again`).toBeGreaterThan(asked);
    // The new try is held: the view says it is loading, and offers no second Try again meanwhile.
    await expect(page.getByRole('status', { name: view.loading }).first(), view.path).toBeVisible();
    await expect(problem).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    release();
    await expect(page.getByTestId(view.loaded).first(), view.path).toBeVisible();
    await expect(problem).toHaveCount(0);
    await page.unroute(view.answers);
  }
});
