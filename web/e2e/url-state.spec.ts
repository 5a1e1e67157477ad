import { expect, shownIds, test, upTo, type FeedPage } from './fixtures';

test('filters and the open post live in the URL: reload and back/forward restore the view', async ({ page, api }) => {
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();

  await page.getByLabel('Tier', { exact: true }).selectOption('influencer');
  await expect(page).toHaveURL(/\?tier=influencer$/);
  await page.getByTestId('filter-significant').getByRole('radio', { name: 'Yes' }).check();
  await expect(page).toHaveURL(/\?tier=influencer&significant=true$/);
  const expected = await api.get<FeedPage>('/v1/feed', { tier: 'influencer', significant: 'true', limit: '50' });
  await expect.poll(() => shownIds(page, upTo(expected))).toEqual(expected.items.map((i) => i.status_id));

  // Open a post: its id joins the filters in the URL.
  const post = expected.items[0];
  await page.locator(`[data-post-card][data-status-id="${post.status_id}"] .post-body`).click();
  await expect(page).toHaveURL(new RegExp(`/posts/${post.status_id}\\?tier=influencer&significant=true$`));
  await expect(page.getByTestId('post-detail')).toHaveAttribute('data-status-id', post.status_id);

  // Reload: same filters, same post open.
  await page.reload();
  await expect(page.getByTestId('post-detail')).toHaveAttribute('data-status-id', post.status_id);
  await expect(page.getByLabel('Tier', { exact: true })).toHaveValue('influencer');
  await expect(page.getByTestId('filter-significant').getByRole('radio', { name: 'Yes' })).toBeChecked();
  await expect.poll(() => shownIds(page, upTo(expected))).toEqual(expected.items.map((i) => i.status_id));

  // Back closes the post, back again drops the significance filter; forward redoes both.
  await page.goBack();
  await expect(page).toHaveURL(/\/\?tier=influencer&significant=true$/);
  await expect(page.getByTestId('post-drawer')).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/\/\?tier=influencer$/);
  await expect(page.getByTestId('filter-significant').getByRole('radio', { name: 'Either' })).toBeChecked();
  const influencers = await api.get<FeedPage>('/v1/feed', { tier: 'influencer', limit: '50' });
  await expect.poll(() => shownIds(page, upTo(influencers))).toEqual(influencers.items.map((i) => i.status_id));
  await page.goForward();
  await expect(page.getByTestId('filter-significant').getByRole('radio', { name: 'Yes' })).toBeChecked();
  await expect.poll(() => shownIds(page, upTo(expected))).toEqual(expected.items.map((i) => i.status_id));
  await page.goForward();
  await expect(page.getByTestId('post-detail')).toHaveAttribute('data-status-id', post.status_id);

  // A shared link opens the same view in a fresh page.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByTestId('post-detail')).toHaveAttribute('data-status-id', post.status_id);
  await expect(other.getByLabel('Tier', { exact: true })).toHaveValue('influencer');
  await other.close();
});
