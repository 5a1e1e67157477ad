import { expect, readFeed, screenshots, shownCards, shownIds, test, upTo, type FeedItem, type FeedPage } from './fixtures';

test('filter by tier shows only that tier, for each of the four tiers', async ({ page, api }) => {
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  for (const tier of ['teammate', 'influencer', 'ecosystem', 'investor']) {
    const expected = await api.get<FeedPage>('/v1/feed', { tier, limit: '50' });
    await page.getByLabel('Tier', { exact: true }).selectOption(tier);
    await expect(page).toHaveURL(new RegExp(`[?&]tier=${tier}`));
    await expect.poll(() => shownIds(page, upTo(expected))).toEqual(expected.items.map((i) => i.status_id));
    const tiers = await page.locator('[data-post-card]').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.tier));
    expect(new Set(tiers)).toEqual(new Set([tier]));
    await expect(page.getByTestId('active-filters')).toContainText(`Tier: ${tier}`);
  }
});

test('a text search matches like the API and highlights the term', async ({ page, api }) => {
  const [sample] = (await api.get<{ items: FeedItem[] }>('/v1/feed', { limit: '1' })).items;
  const word = sample.body_text!.split(/\s+/).find((w) => /^[a-z]{5,}$/i.test(w))!;
  const term = word.toUpperCase().slice(0, 5); // a case-insensitive substring
  const expected = await api.allPosts({ q: term });
  expect(expected.length).toBeGreaterThan(0);
  await page.goto('/');
  await page.getByLabel('Search text').fill(term);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${term}`));
  await expect.poll(() => shownIds(page, 50)).toEqual(expected.slice(0, 50).map((i) => i.status_id));
  await expect(page.locator('[data-post-card] mark').first()).toBeVisible();
  // Each of those cards marks every occurrence of the term in its text, and nothing else (a post
  // can match by its author's handle alone, with nothing to mark).
  const marked = await readFeed(
    page,
    (cards) => cards.map((c) => ({ pos: Number(c.getAttribute('aria-posinset')), marks: [...c.querySelectorAll('mark')].map((m) => m.textContent ?? '') })),
    50,
  );
  const occurrences = (text: string | null) => (text ?? '').toLowerCase().split(term.toLowerCase()).length - 1;
  expect(marked.map((c) => c.marks.length)).toEqual(expected.slice(0, 50).map((i) => occurrences(i.body_text)));
  expect(marked.flatMap((c) => c.marks).length).toBeGreaterThan(0);
  for (const t of marked.flatMap((c) => c.marks)) expect(t.toLowerCase()).toBe(term.toLowerCase());
  await expect(page.getByTestId('active-filters')).toContainText(`Text: “${term}”`);
});

test('handles, significance and date range filter the feed; the summary lists them and Reset clears them', async ({ page, api }) => {
  const accounts = (await api.get<{ items: { handle: string; tier: string }[] }>('/v1/watch-accounts')).items;
  const handles = accounts.slice(0, 2).map((a) => a.handle);
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();

  // Several handles, one with "@" and upper case.
  await page.getByLabel('Handles').fill(`@${handles[0].toUpperCase()} ${handles[1]}`);
  await page.getByLabel('Handles').press('Enter');
  await expect(page).toHaveURL(new RegExp(`handle=${handles[0]}\\+${handles[1]}`));
  const byHandle = await api.get<FeedPage>('/v1/feed', { handle: handles.join(' '), limit: '50' });
  await expect.poll(() => shownIds(page, upTo(byHandle))).toEqual(byHandle.items.map((i) => i.status_id));
  const authors = (await shownCards(page, upTo(byHandle))).map((c) => c.author_handle);
  expect(new Set(authors)).toEqual(new Set(byHandle.items.map((i) => i.author_handle)));
  for (const a of authors) expect(handles).toContain(a);

  // Significant: yes.
  await page.getByTestId('filter-significant').getByRole('radio', { name: 'Yes' }).check();
  await expect(page).toHaveURL(/significant=true/);
  const significant = await api.get<FeedPage>('/v1/feed', { handle: handles.join(' '), significant: 'true', limit: '50' });
  await expect.poll(() => shownIds(page, upTo(significant))).toEqual(significant.items.map((i) => i.status_id));
  await expect(page.locator('[data-post-card]:not(.is-significant)')).toHaveCount(0);

  // No: the complement.
  await page.getByTestId('filter-significant').getByRole('radio', { name: 'No' }).check();
  await expect(page).toHaveURL(/significant=false/);
  const insignificant = await api.get<FeedPage>('/v1/feed', { handle: handles.join(' '), significant: 'false', limit: '50' });
  expect(insignificant.items.length).toBeGreaterThan(0);
  await expect.poll(() => shownIds(page, upTo(insignificant))).toEqual(insignificant.items.map((i) => i.status_id));
  await expect(page.locator('[data-post-card].is-significant')).toHaveCount(0);

  // Presets: each shows what the API answers for the span it names (the page's own request says
  // which instant it counted back from), and 24 h only posts discovered in the last day.
  await page.getByTestId('filter-significant').getByRole('radio', { name: 'Either' }).check();
  for (const [preset, hours] of [['24 h', 24], ['1 h', 1], ['7 d', 168], ['30 d', 720]] as const) {
    const asked = page.waitForRequest((r) => r.url().includes('/v1/feed?') && r.url().includes('since=') && !r.url().includes('cursor='));
    await page.getByTestId('filter-range').getByRole('button', { name: preset }).click();
    await expect(page).toHaveURL(new RegExp(`range=${preset.replace(' ', '')}`));
    await expect(page.getByTestId('filter-range').getByRole('button', { name: preset })).toHaveAttribute('aria-pressed', 'true');
    const params = Object.fromEntries(new URL((await asked).url()).searchParams);
    expect(Date.now() - Date.parse(params.since)).toBeGreaterThanOrEqual(hours * 3_600_000 - 60_000);
    expect(Date.now() - Date.parse(params.since)).toBeLessThanOrEqual(hours * 3_600_000 + 60_000);
    const expected = await api.get<FeedPage>('/v1/feed', params);
    if (expected.items.length === 0) await expect(page.getByTestId('feed-empty')).toBeVisible();
    else await expect.poll(() => shownIds(page, upTo(expected))).toEqual(expected.items.map((i) => i.status_id));
    for (const t of expected.items.map((i) => Date.parse(i.discovered_at))) expect(Date.now() - t).toBeLessThanOrEqual(hours * 3_600_000 + 60_000);
  }
  await expect(page.getByTestId('active-filters')).toContainText('Last 30 days');
  await screenshots(page, 'filters-applied');

  await expect(page.getByTestId('active-filters').getByRole('button', { name: /Remove filter/ })).toHaveCount(2);
  await page.getByTestId('reset-filters').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel('Handles')).toHaveValue('');
  await expect(page.getByTestId('active-filters').getByRole('button', { name: /Remove filter/ })).toHaveCount(0);
});

test.describe('in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('a custom date range is read in the viewer’s time zone and sent as UTC', async ({ page, api }) => {
    const all = await api.allPosts();
    // A window of the demo's second-newest day, in New York wall-clock time.
    const day = new Date(Date.parse(all[0].discovered_at) - 24 * 3_600_000);
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(day);
    await page.goto('/');
    await page.getByTestId('filter-range').getByRole('button', { name: 'Custom' }).click();
    await expect(page.getByTestId('zone-hint')).toContainText('America/New York');
    await page.getByTestId('filter-since').fill(`${local}T08:00`);
    await expect(page).toHaveURL(/since=/);
    await page.getByTestId('filter-until').fill(`${local}T12:30`);
    await expect(page).toHaveURL(/until=/);
    const url = new URL(page.url());
    const since = url.searchParams.get('since')!;
    const until = url.searchParams.get('until')!;
    // 08:00 and 12:30 in New York, as UTC instants.
    const offsetHours = (Date.parse(`${local}T08:00:00Z`) - Date.parse(since)) / 3_600_000;
    expect([-4, -5]).toContain(offsetHours);
    expect(Date.parse(until) - Date.parse(since)).toBe(4.5 * 3_600_000);
    const expected = await api.allPosts({ since, until });
    await expect.poll(() => shownIds(page, 50)).toEqual(expected.slice(0, 50).map((i) => i.status_id));
    await expect(page.getByTestId('active-filters')).toContainText('–');
    await page.reload();
    await expect(page.getByTestId('filter-since')).toHaveValue(`${local}T08:00`);
    await expect(page.getByTestId('filter-until')).toHaveValue(`${local}T12:30`);
  });
});

test('a 400 from the API is shown next to the field it names', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  const handleField = page.getByLabel('Handles');
  await handleField.fill('not-a-handle!');
  await handleField.press('Enter');
  const error = page.locator('.field:has([data-testid="filter-handle"]) [data-testid="field-error"]');
  await expect(error).toHaveText('handle: must be up to 50 X handles separated by spaces');
  await expect(handleField).toHaveAttribute('aria-invalid', 'true');
  await expect(handleField).toHaveAttribute('aria-describedby', await error.getAttribute('id') as string);
  await expect(page.getByTestId('feed-error')).toContainText('Check the filters');
  await screenshots(page, 'filter-error-beside-its-field');
  // A time the API cannot read, from a shared URL, lands next to the date range.
  await page.goto('/?since=last-tuesday');
  await expect(page.locator('fieldset:has([data-testid="filter-range"]) [data-testid="field-error"]')).toHaveText(/^since: must be an ISO-8601 timestamp/);
  await page.goto('/?handle=not-a-handle!');
  await expect(error).toBeVisible();
});
