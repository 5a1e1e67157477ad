import { expect, loadedCount, shownIds, test } from './fixtures';

const focusedId = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.statusId ?? null);

test('keyboard: j/k and arrows move through posts, Enter opens, Esc closes and focus returns', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  const ids = await shownIds(page, 3);

  await page.keyboard.press('j');
  await expect.poll(() => focusedId(page)).toBe(ids[0]);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect.poll(() => focusedId(page)).toBe(ids[2]);
  await page.keyboard.press('k');
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedId(page)).toBe(ids[2]);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  // Page Down/Up on a post move one post, as the ARIA feed pattern has them, not a screenful.
  await page.keyboard.press('PageDown');
  await expect.poll(() => focusedId(page)).toBe(ids[2]);
  await expect(page.locator(`[data-post-card][data-status-id="${ids[2]}"]`)).toBeInViewport();
  await page.keyboard.press('PageUp');
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  await expect(page.locator(`[data-post-card][data-status-id="${ids[1]}"]`)).toBeInViewport();

  // The focused post is visibly outlined.
  const outline = await page.locator(`[data-post-card][data-status-id="${ids[1]}"]`).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/posts/${ids[1]}$`));
  await expect(page.getByTestId('post-detail')).toHaveAttribute('data-status-id', ids[1]);
  // Focus is inside the dialog; j does not move the feed behind it.
  await expect(page.getByRole('button', { name: /Close post/ })).toBeFocused();
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`/posts/${ids[1]}$`));

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('post-drawer')).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
  await expect.poll(() => focusedId(page)).toBe(ids[1]);

  // "/" jumps to the search box; typing there does not move through posts.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search text')).toBeFocused();
  await page.keyboard.type('jk');
  await expect(page.getByLabel('Search text')).toHaveValue('jk');
});

test('a post opened by its link and closed leaves the focus on the feed\'s heading when its card is not drawn', async ({ page }) => {
  await page.goto('/');
  await expect.poll(() => loadedCount(page)).toBe(50);
  const ids = await shownIds(page, 40);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.goto(`/posts/${ids[39]}`);
  await expect(page.getByTestId('post-detail')).toHaveAttribute('data-status-id', ids[39]);
  await expect(page.locator('[data-post-card]').first()).toBeAttached();
  await expect(page.locator(`[data-post-card][data-status-id="${ids[39]}"]`)).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('post-drawer')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Feed' })).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // The next j starts at the top of the feed.
  const top = await page.locator('[data-post-card]').first().getAttribute('data-status-id');
  await page.keyboard.press('j');
  await expect.poll(() => focusedId(page)).toBe(top);
});

test('j and k walk past the cards drawn at first: the list draws each post as focus reaches it', async ({ page }) => {
  await page.goto('/');
  await expect.poll(() => loadedCount(page)).toBe(50);
  const ids = await shownIds(page, 40);
  const drawn = await page.locator('[data-post-card]').count();
  expect(drawn).toBeLessThan(40);

  for (let i = 0; i < 40; i++) await page.keyboard.press('j');
  await expect.poll(() => focusedId(page)).toBe(ids[39]);
  await expect(page.locator(`[data-post-card][data-status-id="${ids[39]}"]`)).toBeInViewport();
  for (let i = 0; i < 10; i++) await page.keyboard.press('k');
  await expect.poll(() => focusedId(page)).toBe(ids[29]);
  await expect(page.locator(`[data-post-card][data-status-id="${ids[29]}"]`)).toBeInViewport();
  // Still only the cards around the viewport.
  expect(await page.locator('[data-post-card]').count()).toBeLessThan(40);

  // Scrolled away with the wheel, the focused card leaves the page; the focus stays on a post.
  await page.mouse.move(700, 450);
  await page.mouse.wheel(0, 3000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(5000);
  await expect(page.locator(`[data-post-card][data-status-id="${ids[29]}"]`)).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-post-card') ?? false)).toBe(true);
});

/** The feed's first page loaded and its first post focused with j; the first 30 posts' ids. */
async function focusFirstPost(page: import('@playwright/test').Page): Promise<string[]> {
  await page.goto('/');
  await expect.poll(() => loadedCount(page)).toBe(50);
  const ids = await shownIds(page, 30);
  await page.keyboard.press('j');
  await expect.poll(() => focusedId(page)).toBe(ids[0]);
  return ids;
}

test('j pressed faster than the list draws loses no press: each steps on from the post the last one moved to', async ({ page }) => {
  const ids = await focusFirstPost(page);
  // Twenty presses in one task: no scroll event, render or frame comes between them, so most
  // land on posts whose cards are not drawn yet.
  await page.evaluate(() => {
    for (let i = 0; i < 20; i++) document.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }));
  });
  await expect.poll(() => focusedId(page)).toBe(ids[20]);
  await expect(page.locator(`[data-post-card][data-status-id="${ids[20]}"]`)).toBeInViewport();
  await page.keyboard.press('j');
  await expect.poll(() => focusedId(page)).toBe(ids[21]);
});

test('a post pointed at while quick presses are still being drawn is where the next j goes on from', async ({ page }) => {
  const ids = await focusFirstPost(page);
  // Presses the list has not drawn yet, then, in the same task, the reader points at the first post and presses j once more.
  await page.evaluate(() => {
    const press = () => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }));
    for (let i = 0; i < 20; i++) press();
    const first = document.querySelector<HTMLElement>('[data-post-card][data-index="0"]')!;
    first.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    first.focus();
    press();
  });
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  // No press still waiting for its card takes the focus away afterwards.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)))));
  expect(await focusedId(page)).toBe(ids[1]);
});

test('controls are labelled and reachable with Tab', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  for (const label of ['Search text', 'Handles']) await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  await expect(page.getByLabel('Tier', { exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Significant' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Discovered' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Switch to (dark|light) theme/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('search', { name: 'Filter posts' })).toBeVisible();

  // Tab walks from the skip link into the page with a visible focus ring on each stop.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { tag: el.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring.outline, `focus ring on ${ring.tag}`).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
  }
});

test('Page Down and Page Up keep their own meaning past the first and last post, with Shift, and off a post', async ({ page, api }) => {
  const handle = `pagekeys_${Date.now() % 1_000_000}`;
  // Days old, so that tests taking the newest posts never meet these.
  const at = (k: number) => new Date(Date.now() - 4 * 86_400_000 - k * 60_000).toISOString();
  for (let k = 0; k < 3; k++) await api.ingestPost({ author_handle: handle, body_text: `Page keys ${k}`, discovered_at: at(k) });
  await page.goto(`/?handle=${handle}`);
  await expect.poll(() => loadedCount(page)).toBe(3);
  const ids = await shownIds(page);
  // Whether the page's own handling took the last key press: listeners on window run after the feed's, on document.
  await page.evaluate(() => {
    window.addEventListener('keydown', (e) => ((window as unknown as { taken?: boolean }).taken = e.defaultPrevented));
  });
  const taken = () => page.evaluate(() => (window as unknown as { taken?: boolean }).taken);

  // Off a post, they scroll the page.
  await page.keyboard.press('PageDown');
  expect(await taken()).toBe(false);
  expect(await focusedId(page)).toBeNull();

  await page.keyboard.press('j');
  await expect.poll(() => focusedId(page)).toBe(ids[0]);
  await page.keyboard.press('PageUp');
  expect(await taken(), 'Page Up on the first post').toBe(false);
  expect(await focusedId(page)).toBe(ids[0]);
  await page.keyboard.press('Shift+PageDown');
  expect(await taken(), 'Shift+Page Down').toBe(false);
  expect(await focusedId(page)).toBe(ids[0]);

  await page.keyboard.press('PageDown');
  expect(await taken()).toBe(true);
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  await page.keyboard.press('PageDown');
  await expect.poll(() => focusedId(page)).toBe(ids[2]);
  await page.keyboard.press('PageDown');
  expect(await taken(), 'Page Down on the last post').toBe(false);
  expect(await focusedId(page)).toBe(ids[2]);
});
