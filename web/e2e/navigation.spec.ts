import { expect, shownIds, test, type FeedItem } from './fixtures';

test('a post card links to its detail: a new tab opens it over the same feed, a plain click opens the drawer', async ({ page, context, api }) => {
  const [post] = (await api.get<{ items: FeedItem[] }>('/v1/feed', { tier: 'investor', limit: '1' })).items;
  await page.goto('/?tier=investor');
  const card = page.locator(`[data-post-card][data-status-id="${post.status_id}"]`);
  const link = card.getByRole('link', { name: new RegExp(`details of @${post.author_handle}’s post`) });
  await expect(link).toHaveAttribute('href', `/posts/${post.status_id}?tier=investor`);

  // A middle click is the browser's: a new tab at the post's address, drawer open over the feed.
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click({ button: 'middle' })]);
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe(`/posts/${post.status_id}`);
  await expect(tab.getByTestId('post-detail')).toHaveAttribute('data-status-id', post.status_id);
  await expect(tab.getByLabel('Tier', { exact: true })).toHaveValue('investor');
  await tab.close();
  await expect(page.getByTestId('post-drawer')).toHaveCount(0);

  // A plain click stays in the page.
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/posts/${post.status_id}\\?tier=investor$`));
  await expect(page.getByTestId('post-detail')).toHaveAttribute('data-status-id', post.status_id);
});

test('the tab title names the view, the filters and the new posts waiting', async ({ page, api }) => {
  await page.goto('/?tier=teammate&significant=true');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await expect(page).toHaveTitle('Feed · Tier: teammate, Significant only — XMonitor');

  await api.ingestPost({ author_handle: 'title_probe', body_text: 'A post that should show up in the tab title', is_significant: true, significance_reason: 'probe' });
  await expect(page.getByTestId('new-posts')).toBeVisible();
  await expect(page).toHaveTitle('(1) Feed · Tier: teammate, Significant only — XMonitor');
  await page.getByTestId('new-posts').click();
  await expect(page).toHaveTitle('Feed · Tier: teammate, Significant only — XMonitor');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Watch list' }).click();
  await expect(page).toHaveTitle('Watch list — XMonitor');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Summaries' }).click();
  await expect(page).toHaveTitle('Summaries — XMonitor');
});

test('moving to another view focuses its heading and announces it; opening a post does not', async ({ page, api }) => {
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  const announcer = page.getByTestId('route-announcer');
  await expect(announcer).toHaveText('');

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [link, heading] of [
    ['Trends', 'Trends'],
    ['Summaries', 'Window summaries'],
    ['Shifts', 'Narrative shifts'],
    ['Watch list', 'Watch list'],
    ['Feed', 'Feed'],
  ]) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeFocused();
    await expect(announcer).toHaveText(`${link === 'Shifts' ? 'Narrative shifts' : link} page`);
  }

  // The drawer keeps its own focus (the close button); closing returns to the card.
  const [first] = await shownIds(page, 1);
  await page.locator(`[data-post-card][data-status-id="${first}"] .post-body`).click();
  await expect(page.getByRole('button', { name: /Close post/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator(`[data-post-card][data-status-id="${first}"]`)).toBeFocused();
  await expect(announcer).toHaveText('Feed page');
  expect((await api.get<{ items: FeedItem[] }>('/v1/feed', { limit: '1' })).items.length).toBe(1);
});

test('typing a search and moving a date make one history entry each, not one per keystroke', async ({ page }) => {
  await page.goto('/?tier=ecosystem');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  const search = page.getByLabel('Search text');
  await search.click();
  // Pauses longer than the settling time: each stretch is committed to the URL as it is typed.
  for (const part of ['cha', 'in', ' lau', 'nch']) {
    await search.pressSequentially(part);
    await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('q'))).toBe(
      { cha: 'cha', in: 'chain', ' lau': 'chain lau', nch: 'chain launch' }[part],
    );
  }
  await search.press('Enter');
  await expect(page).toHaveURL(/\?tier=ecosystem&q=chain\+launch$/);

  // The date inputs: several changes while the field has focus, one entry.
  await page.getByTestId('filter-range').getByRole('button', { name: 'Custom' }).click();
  const since = page.getByTestId('filter-since');
  await since.fill('2026-11-01T08:00');
  await since.fill('2026-11-02T08:00');
  await since.fill('2026-11-03T09:30');
  await expect(page).toHaveURL(/since=/);
  await since.blur();
  const withDate = page.url();

  await page.goBack();
  await expect(page).toHaveURL(/\?tier=ecosystem&q=chain\+launch$/);
  await page.goBack();
  await expect(page).toHaveURL(/\?tier=ecosystem$/);
  await expect(search).toHaveValue('');
  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(withDate);
});

test.describe('with a dark theme stored', () => {
  test.use({ colorScheme: 'light' });

  test('the theme is on the page before the app’s code runs: no light flash', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('[data-post-card]').first()).toBeVisible();
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    // Hold the app's code: what is painted meanwhile comes from the page's own head.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    // The module script is deferred: the document is parsed and styled while it waits.
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(() => document.readyState === 'interactive' && document.styleSheets.length > 0 && document.body !== null);
    expect(await page.evaluate(() => document.querySelector('[data-post-card]'))).toBeNull();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    release();
    await expect(page.locator('[data-post-card]').first()).toBeVisible();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
  });
});

test.describe('time zones', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('UTC or any zone instead of the viewer’s: every time, the date inputs and Trends use it, and it is remembered', async ({ page, api }) => {
    const [post] = (await api.get<{ items: FeedItem[] }>('/v1/feed', { limit: '1' })).items;
    await page.goto('/');
    const time = page.locator(`[data-post-card][data-status-id="${post.status_id}"] time`);
    await expect(time).toHaveAttribute('title', /EST|EDT|GMT-[45]/);
    await expect(page.getByTestId('zone-hint')).toContainText('America/New York');

    await page.getByTestId('zone-picker').selectOption('UTC');
    await expect(time).toHaveAttribute('title', /UTC/);
    await expect(page.getByTestId('zone-hint')).toContainText('Times in UTC');

    // The custom range is read in the chosen zone and sent as UTC.
    await page.getByTestId('filter-range').getByRole('button', { name: 'Custom' }).click();
    await page.getByTestId('filter-since').fill('2026-11-03T09:30');
    await page.getByTestId('filter-since').blur();
    await expect(page).toHaveURL(/since=2026-11-03T09%3A30%3A00(\.000)?Z/);

    // Remembered across a reload, and Trends asks for its buckets in it.
    const trends = page.waitForRequest((r) => r.url().includes('/v1/trends?'));
    await page.goto('/trends');
    expect(new URL((await trends).url()).searchParams.get('tz')).toBe('UTC');
    await expect(page.getByTestId('zone-picker')).toHaveValue('UTC');

    // Any IANA zone: Tokyo.
    const again = page.waitForRequest((r) => r.url().includes('/v1/trends?') && r.url().includes('Tokyo'));
    await page.getByTestId('zone-picker').selectOption('Asia/Tokyo');
    expect(new URL((await again).url()).searchParams.get('tz')).toBe('Asia/Tokyo');
    await page.goto('/');
    await expect(time).toHaveAttribute('title', /GMT\+9|JST/);
  });
});
